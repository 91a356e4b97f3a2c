package sa.navaia.dialer.webhook.inbox;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.inbox.JournalLines;
import sa.navaia.dialer.inbox.NewInboxMessage;

/**
 * The receiver's local durable journal ({@code DIALER_JOURNAL_DIR}): verified payloads the database could not take are
 * appended here, one line each ({@link JournalLines}: {@code <crc32> <json>} with everything a {@link NewInboxMessage}
 * holds), and flushed
 * to the disk ({@code FileChannel.force}) before their sender is answered. Appends are grouped: one thread writes
 * whatever is queued and forces once for the group. Segments ({@code journal-<n>.log}) are append-only; the
 * {@link JournalReplayer} closes the one being written ({@link #rotate}), stores the closed ones in the inbox in order,
 * and deletes a segment only once every record in it is stored. A line cut short by a crash was never acknowledged
 * and is skipped.
 */
@Singleton
public final class InboxJournal {

    private static final int CAPACITY = 10_000;
    private static final int MAX_GROUP = 500;
    private static final Pattern SEGMENT = Pattern.compile("journal-(\\d{12})\\.log");
    private static final Logger log = LoggerFactory.getLogger(InboxJournal.class);

    private record Waiting(NewInboxMessage message, CompletableFuture<Void> written) {
    }

    /** A record read back: the payload, or null when the line was damaged; its line number for the log. */
    record Entry(NewInboxMessage message, int line) {
    }

    private final Path dir;
    private final Clock clock;
    private final GroupingQueue<Waiting> queue;
    private final java.util.concurrent.atomic.AtomicBoolean inUse = new java.util.concurrent.atomic.AtomicBoolean();
    private FileChannel active;
    private Path activePath;
    private long nextSegment;

    InboxJournal(DialerSettings settings, Clock clock) {
        this.dir = settings.receiver().journalDir().toAbsolutePath().normalize();
        this.clock = clock;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the journal folder " + dir + " (DIALER_JOURNAL_DIR): "
                    + e.getMessage(), e);
        }
        this.nextSegment = segments().stream().mapToLong(InboxJournal::number).max().orElse(0) + 1;
        int waiting = segments().size();
        if (waiting > 0) {
            log.warn("The journal at {} holds {} segment(s) of webhooks not stored yet; they are stored in the inbox as soon"
                    + " as the database answers", dir, waiting);
        }
        this.queue = new GroupingQueue<>("inbox-journal", 1, CAPACITY, MAX_GROUP, this::write);
    }

    /** Completes once the payload is on the disk; exceptionally when it could not be written (nothing is journaled). */
    public CompletableFuture<Void> append(NewInboxMessage message) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (!queue.offer(new Waiting(message, written))) {
            written.completeExceptionally(new InboxBusyException("The receiver's journal is full or stopping; nothing was"
                    + " stored. Please retry."));
        }
        return written;
    }

    private void write(List<Waiting> group) {
        try {
            synchronized (this) {
                FileChannel channel = activeChannel();
                StringBuilder lines = new StringBuilder();
                long now = clock.millis();
                for (Waiting waiting : group) {
                    lines.append(line(waiting.message(), now));
                }
                ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            group.forEach(waiting -> waiting.written().complete(null));
        } catch (IOException | RuntimeException e) {
            log.error("Could not write {} webhook(s) to the journal at {}: {}", group.size(), dir, e.toString());
            InboxBusyException failure = new InboxBusyException("The receiver could not store this webhook (database and"
                    + " journal unavailable); nothing was stored. Please retry.");
            group.forEach(waiting -> waiting.written().completeExceptionally(failure));
        }
    }

    private FileChannel activeChannel() throws IOException {
        if (active == null) {
            activePath = dir.resolve(String.format("journal-%012d.log", nextSegment++));
            active = FileChannel.open(activePath, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            forceDirectory();
        }
        return active;
    }

    /** The new file's name is durable too: a segment whose directory entry is lost would lose its records. */
    private void forceDirectory() {
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every file system lets a directory be opened; the file's own force still holds its data.
        }
    }

    /** Closes the segment being written, so that every segment {@link #closedSegments} lists is complete. */
    synchronized void rotate() {
        if (active == null) {
            return;
        }
        try {
            active.close();
        } catch (IOException e) {
            log.warn("Closing journal segment {} failed: {}", activePath, e.toString());
        }
        active = null;
        activePath = null;
    }

    /** Segments nobody writes to any more, oldest first. */
    synchronized List<Path> closedSegments() {
        return segments().stream().filter(path -> !path.equals(activePath)).toList();
    }

    boolean isEmpty() {
        return segments().isEmpty();
    }

    private List<Path> segments() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(path -> SEGMENT.matcher(path.getFileName().toString()).matches())
                    .sorted((a, b) -> Long.compare(number(a), number(b))).toList();
        } catch (IOException e) {
            log.warn("Cannot list the journal folder {}: {}", dir, e.toString());
            return List.of();
        }
    }

    private static long number(Path segment) {
        Matcher matcher = SEGMENT.matcher(segment.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : 0;
    }

    /** The records of a closed segment in the order they were written; a damaged line comes back without a message. */
    static List<Entry> read(Path segment) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isEmpty()) {
                    entries.add(new Entry(parse(line), number));
                }
            }
        }
        return entries;
    }

    /** Deletes a segment whose records are all stored in the inbox. */
    void delete(Path segment) throws IOException {
        Files.deleteIfExists(segment);
        forceDirectory();
    }

    /** Keeps a segment's records the inbox refused for good beside the journal, for an operator. */
    void setAside(Path segment, List<String> lines) throws IOException {
        Path rejected = dir.resolve(segment.getFileName() + ".rejected");
        Files.write(rejected, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String line(NewInboxMessage message, long journaledAtMillis) {
        return JournalLines.line(message, journaledAtMillis);
    }

    /** The payload of one line, or null when its checksum or its JSON does not hold (a write cut short by a crash). */
    static NewInboxMessage parse(String line) {
        return JournalLines.parse(line);
    }

    /** True for the first payload journaled since the journal last caught up: the moment to tell the operator. */
    boolean startsJournaling() {
        return inUse.compareAndSet(false, true);
    }

    /** Everything journaled so far is stored in the inbox. */
    void caughtUp() {
        inUse.set(false);
    }

    Path dir() {
        return dir;
    }

    /** Writes what is queued, then closes the segment. */
    @PreDestroy
    void stop() throws InterruptedException {
        queue.stop().forEach(waiting -> waiting.written().completeExceptionally(new InboxBusyException(
                "The receiver is stopping; nothing was stored. Please retry.")));
        rotate();
    }
}
