package sa.navaia.dialer.webhook.inbox;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.inbox.InboxMessage;
import sa.navaia.dialer.inbox.NewInboxMessage;

/**
 * Stores the journal in the inbox once the database answers again (and at start, after a restart): segment by segment,
 * oldest first, each in the order its records were written, {@value #CHUNK} records per transaction; the stored ones
 * are handed to the {@link InboxApplier} in that order. Replay is idempotent: a record whose payload is in the inbox
 * already (stored before the outage was noticed, or replayed before a crash) is a duplicate and changes nothing. A
 * segment is deleted only once all of its records are stored; an outage in the middle leaves it for the next try.
 * A record the database refuses for good (not an outage) is set aside in {@code <segment>.rejected} for an operator.
 */
@Singleton
final class JournalReplayer {

    static final int CHUNK = InboxWriter.MAX_GROUP;
    private static final Logger log = LoggerFactory.getLogger(JournalReplayer.class);

    private final InboxJournal journal;
    private final InboxWriter writer;
    private final InboxApplier applier;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private boolean failureLogged;

    JournalReplayer(InboxJournal journal, InboxWriter writer, InboxApplier applier, WebhookMetrics metrics, Clock clock) {
        this.journal = journal;
        this.writer = writer;
        this.applier = applier;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${dialer.journal.replay-interval:2s}", initialDelay = "${dialer.journal.replay-delay:1s}")
    synchronized void replayIfAny() {
        if (journal.isEmpty()) {
            return;
        }
        journal.rotate();
        int stored = 0;
        int duplicates = 0;
        try {
            for (Path segment : journal.closedSegments()) {
                int[] counts = replay(segment);
                stored += counts[0];
                duplicates += counts[1];
            }
            failureLogged = false;
            journal.caughtUp();
        } catch (RuntimeException e) {
            if (!Outages.isOutage(e)) {
                log.error("Journal replay stopped: {}", e.toString());
            } else if (!failureLogged) {
                log.warn("Journal replay waits for the database: {}", Outages.unwrap(e).getMessage());
                failureLogged = true;
            }
        } catch (IOException e) {
            log.error("Journal replay stopped: cannot read or delete a segment in {}: {}", journal.dir(), e.toString());
        }
        if (stored + duplicates > 0) {
            log.info("Journal replayed into the inbox: {} webhooks stored, {} stored already", stored, duplicates);
        }
    }

    /** Stores one closed segment and deletes it; {stored, duplicates}. Throws when the database is away. */
    private int[] replay(Path segment) throws IOException {
        List<InboxJournal.Entry> entries = InboxJournal.read(segment);
        List<String> rejected = new ArrayList<>();
        List<NewInboxMessage> readable = new ArrayList<>(entries.size());
        for (InboxJournal.Entry entry : entries) {
            if (entry.message() == null) {
                log.error("Journal {} line {} is damaged (a write cut short?) and is skipped", segment.getFileName(),
                        entry.line());
            } else {
                readable.add(entry.message());
            }
        }
        int stored = 0;
        int duplicates = 0;
        for (int from = 0; from < readable.size(); from += CHUNK) {
            List<NewInboxMessage> chunk = readable.subList(from, Math.min(readable.size(), from + CHUNK));
            List<Optional<InboxMessage>> results;
            try {
                results = writer.storeTogether(chunk);
            } catch (RuntimeException e) {
                if (Outages.isOutage(e)) {
                    throw e;
                }
                results = storeOneByOne(chunk, segment, rejected);
            }
            List<InboxMessage> toApply = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                NewInboxMessage message = chunk.get(i);
                String type = message.source() + ":" + message.eventType();
                if (results.get(i).isPresent()) {
                    toApply.add(results.get(i).get());
                    metrics.count(type, "replayed");
                    stored++;
                } else {
                    duplicates++;
                }
            }
            applier.applyLater(toApply);
        }
        if (!rejected.isEmpty()) {
            journal.setAside(segment, rejected);
        }
        journal.delete(segment);
        return new int[] {stored, duplicates};
    }

    /** After a chunk failed for another reason than an outage: each record alone; one the database refuses is set aside. */
    private List<Optional<InboxMessage>> storeOneByOne(List<NewInboxMessage> chunk, Path segment, List<String> rejected) {
        List<Optional<InboxMessage>> results = new ArrayList<>(chunk.size());
        for (NewInboxMessage message : chunk) {
            try {
                results.add(writer.storeTogether(List.of(message)).get(0));
            } catch (RuntimeException e) {
                if (Outages.isOutage(e)) {
                    throw e;
                }
                log.error("Journal {}: the inbox refuses webhook {} ({}); set aside in {}.rejected", segment.getFileName(),
                        message.dedupeKey(), e.getMessage(), segment.getFileName());
                rejected.add(InboxJournal.line(message, clock.millis()).strip());
                results.add(Optional.empty());
            }
        }
        return results;
    }
}
