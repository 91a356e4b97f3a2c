package sa.navaia.dialer.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * A line of the FTC's registry data files, flat text: a full list has one registered number a line, as the area code
 * and the seven-digit number separated by a comma ({@code 212,5551234}), or as ten digits; a change list has several
 * comma-separated items a record, beginning with the area code and the number, among the others an add or delete
 * marker ({@code A}/{@code D}, {@code ADD}/{@code DELETE}). A change record whose marker cannot be read counts as an
 * addition: the harsher reading, since calling a registered number is the costly mistake.
 */
public final class RegistryFile {

    /** A number from the file; {@code added} false for a deletion in a change list. */
    public record Entry(int areaCode, int subscriber, boolean added) {
        public String e164() {
            return "+1" + areaCode + subscriber;
        }
    }

    private RegistryFile() {
    }

    /** The entry a line holds; empty for a blank line or a header; a line that is not a number is refused with why. */
    public static Optional<Entry> parse(String line) {
        String text = line.strip();
        if (text.isEmpty() || Character.isLetter(text.charAt(0))) {
            return Optional.empty();
        }
        String[] fields = text.split(",");
        String areaCode;
        String subscriber;
        int rest;
        String first = digits(fields[0]);
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
        boolean added = true;
        for (int i = rest; i < fields.length; i++) {
            String marker = fields[i].strip().replace("\"", "").toUpperCase(Locale.ROOT);
            if (marker.equals("D") || marker.equals("DELETE") || marker.equals("DEL")) {
                added = false;
            }
        }
        return Optional.of(new Entry(Integer.parseInt(areaCode), Integer.parseInt(subscriber), added));
    }

    private static String digits(String field) {
        return field.replaceAll("[^0-9]", "");
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
