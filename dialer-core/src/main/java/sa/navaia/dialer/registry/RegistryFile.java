package sa.navaia.dialer.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The FTC's registry data files, flat text, as a registered seller downloads them from telemarketing.donotcall.gov.
 * What the FTC documents (Telemarketer Access Information, ftc.gov/opa/2003/08/tmkraccessinfo.htm; the registry's
 * business FAQ, telemarketing.donotcall.gov/faq/faqbusiness.aspx): a full list holds every registered number of the
 * area codes downloaded, one number a line; each area code (or state) is a discrete file; a change list holds the
 * numbers added to or deleted from the registry since the last download, "several data items per record, separated
 * by commas"; both also come as XML tagged files. Sellers' guides add that the full list's line is the area code and
 * the number separated by a comma ({@code 212,5551234}).
 * <p>
 * Neither source gives the change list's fields, the values or position of its add/delete indicator, the XML tags,
 * or the file names. So this reader is strict where they are silent: a change record must carry exactly one add or
 * delete marker ({@code A}, {@code ADD}, {@code ADDED} / {@code D}, {@code DEL}, {@code DELETE}, {@code DELETED}) among
 * its fields after the number, every other field may only be a date or time, and a record that does not read so
 * rejects the whole file with its line number — never guessed as an addition. XML files are refused (download the
 * flat text file). Fixtures and their sources: dialer-core/src/test/resources/registry/ftc/README.md.
 */
public final class RegistryFile {

    /** How many unreadable lines an error names before it stops counting them out. */
    static final int REJECTS_NAMED = 10;

    private static final Set<String> ADD_MARKERS = Set.of("A", "ADD", "ADDED");
    private static final Set<String> DELETE_MARKERS = Set.of("D", "DEL", "DELETE", "DELETED");
    private static final int PROGRESS_EVERY = 1_000_000;

    /** A full list (every registered number of its area codes) or a change list (additions and deletions). */
    public enum Kind {
        FULL, CHANGE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A number from the file; {@code added} false for a deletion in a change list. */
    public record Entry(int areaCode, int subscriber, boolean added) {
        public String e164() {
            return "+1" + areaCode + subscriber;
        }
    }

    /** A file that cannot be imported: nothing of it was stored. The message names the first bad lines. */
    public static final class Unreadable extends IllegalArgumentException {
        private final long rejected;

        Unreadable(String message, long rejected) {
            super(message);
            this.rejected = rejected;
        }

        public long rejected() {
            return rejected;
        }
    }

    /** A file read into per-area-code lists of additions and deletions (a full list has only additions). */
    static final class Contents {
        final IntList[] adds = new IntList[1000];
        final IntList[] removes = new IntList[1000];
        long lines;

        /** The area codes the file names, in order. */
        List<Integer> areaCodes() {
            List<Integer> codes = new ArrayList<>();
            for (int areaCode = 0; areaCode < adds.length; areaCode++) {
                if (adds[areaCode] != null || removes[areaCode] != null) {
                    codes.add(areaCode);
                }
            }
            return codes;
        }
    }

    private RegistryFile() {
    }

    /**
     * Reads a whole file; any unreadable line refuses it ({@link Unreadable}), since a full list missing a line would
     * miss a registered number and a change list applied in part would leave an area code neither old nor new.
     */
    static Contents read(BufferedReader reader, Kind kind, LongConsumer progress) {
        Contents contents = new Contents();
        long rejected = 0;
        List<String> rejects = new ArrayList<>();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                contents.lines++;
                if (contents.lines == 1 && line.strip().startsWith("<")) {
                    throw new Unreadable("The file is XML; the XML tagged file's tags are not documented publicly, so only"
                            + " the flat text file is imported: download the registry's flat text file instead.", 1);
                }
                try {
                    Optional<Entry> entry = parse(line, kind, contents.lines == 1);
                    if (entry.isPresent()) {
                        IntList[] lists = entry.get().added() ? contents.adds : contents.removes;
                        int areaCode = entry.get().areaCode();
                        if (lists[areaCode] == null) {
                            lists[areaCode] = new IntList();
                        }
                        lists[areaCode].add(entry.get().subscriber());
                    }
                } catch (IllegalArgumentException bad) {
                    rejected++;
                    if (rejects.size() < REJECTS_NAMED) {
                        rejects.add("line " + contents.lines + ": " + bad.getMessage());
                    }
                }
                if (contents.lines % PROGRESS_EVERY == 0) {
                    progress.accept(contents.lines);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the registry file: " + e.getMessage(), e);
        }
        if (rejected > 0) {
            throw new Unreadable("The " + kind.code() + " list was not imported: " + rejected + " of its " + contents.lines
                    + " line(s) cannot be read" + (rejected > rejects.size() ? " (the first " + rejects.size() + " follow)" : "")
                    + ".\n" + String.join("\n", rejects), rejected);
        }
        return contents;
    }

    /**
     * The entry a line holds; empty for a blank line or, on the first line only, a header; a line that is not a record
     * of this kind of list is refused with why.
     */
    public static Optional<Entry> parse(String line, Kind kind, boolean firstLine) {
        String text = line.strip();
        if (text.isEmpty() || (firstLine && Character.isLetter(text.charAt(0)))) {
            return Optional.empty();
        }
        String[] fields = text.split(",", -1);
        String first = digits(fields[0]);
        String areaCode;
        String subscriber;
        int rest;
        if (first.length() == 10 || (first.length() == 11 && first.startsWith("1"))) {
            String ten = first.substring(first.length() - 10);
            areaCode = ten.substring(0, 3);
            subscriber = ten.substring(3);
            rest = 1;
        } else if (fields.length >= 2) {
            areaCode = first;
            subscriber = digits(fields[1]);
            rest = 2;
        } else {
            throw new IllegalArgumentException("\"" + shorten(text) + "\" is not a registry record; expected the area code and"
                    + " number, like 212,5551234, or ten digits.");
        }
        if (areaCode.length() != 3 || subscriber.length() != 7 || areaCode.charAt(0) < '2' || subscriber.charAt(0) < '2') {
            throw new IllegalArgumentException("\"" + shorten(text) + "\" is not a US number: the area code must be three digits"
                    + " and the number seven, neither starting with 0 or 1.");
        }
        if (kind == Kind.FULL) {
            if (rest < fields.length) {
                throw new IllegalArgumentException("\"" + shorten(text) + "\" has more than the number; a full list holds one"
                        + " number a line. Is this a change list? Import it with --kind change.");
            }
            return Optional.of(new Entry(Integer.parseInt(areaCode), Integer.parseInt(subscriber), true));
        }
        return Optional.of(new Entry(Integer.parseInt(areaCode), Integer.parseInt(subscriber), added(fields, rest, text)));
    }

    /** The change record's add or delete marker: exactly one, every other field a date or time. */
    private static boolean added(String[] fields, int rest, String text) {
        Boolean added = null;
        for (int i = rest; i < fields.length; i++) {
            String field = fields[i].strip().replace("\"", "").toUpperCase(Locale.ROOT);
            boolean add = ADD_MARKERS.contains(field);
            if (add || DELETE_MARKERS.contains(field)) {
                if (added != null) {
                    throw new IllegalArgumentException("\"" + shorten(text) + "\" has two add/delete markers; a change"
                            + " record adds or deletes one number.");
                }
                added = add;
            } else if (!field.matches("[0-9][0-9 :/.T-]*")) {
                throw new IllegalArgumentException("\"" + shorten(text) + "\" has \"" + shorten(field) + "\", which is neither"
                        + " an add/delete marker (A or D) nor a date; the record is refused rather than guessed.");
            }
        }
        if (added == null) {
            throw new IllegalArgumentException("\"" + shorten(text) + "\" has no add/delete marker (A or D); a change record"
                    + " must say whether the number was added or deleted. Is this a full list? Import it with --kind full.");
        }
        return added;
    }

    private static String digits(String field) {
        return field.replaceAll("[^0-9]", "");
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** A growable int array: four bytes a number while a file is read. */
    static final class IntList {
        int[] values = new int[1024];
        int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length + (values.length >> 1));
            }
            values[size++] = value;
        }
    }
}
