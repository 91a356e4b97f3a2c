package sa.navaia.dialer.erasure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import sa.navaia.dialer.inbox.JournalLines;
import sa.navaia.dialer.inbox.NewInboxMessage;

/**
 * Erasure in a receiver's journal folder ({@code DIALER_JOURNAL_DIR}): segments of webhooks journaled while the
 * database was away ({@code journal-<n>.log}, deleted once replayed into the inbox) and records the inbox refused, set
 * aside for an operator ({@code *.rejected}, kept until someone deletes them). A record that names one of the person's
 * numbers (as JSON {@code +1...} or form-encoded {@code %2B1...}) or belongs to one of their sessions gets its body
 * blanked to {@code {}}, as {@link Erasure} does in {@code webhook_inbox}; a damaged line that names a number is
 * dropped (the replay skips damaged lines anyway). A file is rewritten beside itself, flushed, and moved over the
 * original. The newest segment, when written to in the last {@link #IN_USE} (a receiver that cannot reach the database
 * is appending to it), is not touched: rewriting it would lose what the receiver appends meanwhile; it is reported so
 * the erasure can be run again once that receiver has replayed it into the database, where erasure reaches it.
 */
public final class JournalScrub {

    static final Duration IN_USE = Duration.ofMinutes(2);

    /** What was done: records blanked, files rewritten, and segments left alone because a receiver may be writing them. */
    public record Result(int records, int files, List<Path> inUse) {
        public String describe() {
            return records + " journal record(s) blanked in " + files + " file(s)"
                    + (inUse.isEmpty() ? "" : "; " + inUse.size() + " segment in use left alone (" + inUse.get(0)
                    + "): run erase again once that receiver reaches the database");
        }
    }

    private final Clock clock;

    public JournalScrub(Clock clock) {
        this.clock = clock;
    }

    public Result scrub(Path dir, Collection<String> phonesE164, Collection<String> sessionIds) {
        if (!Files.isDirectory(dir)) {
            return new Result(0, 0, List.of());
        }
        List<String> needles = new ArrayList<>();
        for (String phone : phonesE164) {
            needles.add("+" + phone.substring(1));
            needles.add("%2B" + phone.substring(1));
        }
        List<Path> segments = files(dir, ".log");
        List<Path> inUse = new ArrayList<>();
        if (!segments.isEmpty()) {
            Path newest = segments.get(segments.size() - 1);
            if (modifiedWithin(newest, IN_USE)) {
                inUse.add(newest);
            }
        }
        int records = 0;
        int files = 0;
        for (Path file : Stream.concat(segments.stream(), files(dir, ".rejected").stream()).toList()) {
            if (inUse.contains(file)) {
                continue;
            }
            int blanked = rewrite(file, needles, sessionIds);
            records += blanked;
            files += blanked > 0 ? 1 : 0;
        }
        return new Result(records, files, List.copyOf(inUse));
    }

    private int rewrite(Path file, List<String> needles, Collection<String> sessionIds) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            StringBuilder kept = new StringBuilder();
            int blanked = 0;
            for (String line : lines) {
                if (line.isEmpty()) {
                    continue;
                }
                NewInboxMessage message = JournalLines.parse(line);
                boolean names = needles.stream().anyMatch(line::contains);
                if (message == null) {
                    if (names) {
                        blanked++;
                    } else {
                        kept.append(line).append('\n');
                    }
                } else if (names || (message.sessionId() != null && sessionIds.contains(message.sessionId()))) {
                    kept.append(JournalLines.withBlankBody(line));
                    blanked += message.body() == null || message.body().equals("{}") ? 0 : 1;
                } else {
                    kept.append(line).append('\n');
                }
            }
            if (blanked > 0) {
                Path next = file.resolveSibling(file.getFileName() + ".erasing");
                try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    channel.write(java.nio.ByteBuffer.wrap(kept.toString().getBytes(StandardCharsets.UTF_8)));
                    channel.force(true);
                }
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return blanked;
        } catch (java.nio.file.NoSuchFileException replayedMeanwhile) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot erase in the journal file " + file + ": " + e.getMessage(), e);
        }
    }

    private boolean modifiedWithin(Path file, Duration window) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isAfter(clock.instant().minus(window));
        } catch (IOException e) {
            return true;
        }
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(path -> path.getFileName().toString().startsWith("journal-")
                            && path.getFileName().toString().endsWith(suffix))
                    .sorted(Comparator.comparing(path -> path.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the journal folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
