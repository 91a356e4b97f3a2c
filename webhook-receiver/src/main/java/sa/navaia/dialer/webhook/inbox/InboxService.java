package sa.navaia.dialer.webhook.inbox;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.inbox.InboxMessage;
import sa.navaia.dialer.inbox.NewInboxMessage;
import sa.navaia.dialer.inbox.WebhookInboxRepository;

/**
 * Receives verified webhooks and loses none of them. The database gets the first chance: a payload is stored in the
 * inbox (and, in the request, applied) within a deadline. When the database is away, refuses for lack of a connection,
 * or does not answer in time, the payload is written to the local {@link InboxJournal} instead, flushed to the disk,
 * and the sender is answered as usual; the {@link JournalReplayer} stores it in the inbox once the database is back.
 * A payload the database refuses for good (not an outage) is not journaled: its request fails ({@code 500}).
 * Status callbacks take {@link #receiveLater}: the {@link InboxWriter} stores them in groups and they are applied after
 * the answer; the others take {@link #receive} (stored and applied in the request, whose answer depends on them).
 */
@Singleton
public final class InboxService {

    /** How long a request waits for the database before it journals the payload instead. */
    static final Duration DEADLINE = Duration.ofSeconds(2);
    /** A status callback waits longer: group commit under a burst can take a while, and its answer depends on nothing. */
    static final Duration STATUS_DEADLINE = Duration.ofSeconds(4);
    private static final Duration JOURNAL_DEADLINE = Duration.ofSeconds(2);
    private static final int DATABASE_THREADS = 16;
    private static final Logger log = LoggerFactory.getLogger(InboxService.class);

    /** Whether the payload was new, a delivery of one stored before (nothing changes), or journaled for later. */
    public enum Receipt { STORED, DUPLICATE, JOURNALED }

    /** What {@link #receiveThenRead} got: the receipt, and what was read, when the database answered. */
    public record Received<T>(Receipt receipt, Optional<T> read) {
    }

    private final WebhookInboxRepository inbox;
    private final InboxProcessor processor;
    private final InboxWriter writer;
    private final InboxJournal journal;
    private final WebhookMetrics metrics;
    private final ExecutorService database;

    InboxService(WebhookInboxRepository inbox, InboxProcessor processor, InboxWriter writer, InboxJournal journal,
                 WebhookMetrics metrics) {
        this.inbox = inbox;
        this.processor = processor;
        this.writer = writer;
        this.journal = journal;
        this.metrics = metrics;
        AtomicInteger threads = new AtomicInteger();
        // Requests wait here for the database at most DEADLINE; a database that hangs fills these threads and the queue,
        // and what does not fit is journaled at once.
        this.database = new ThreadPoolExecutor(DATABASE_THREADS, DATABASE_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(1_000), runnable -> {
                    Thread thread = new Thread(runnable, "inbox-db-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Stores and applies the payload, or journals it; throws {@link InboxBusyException} only when both fail. */
    public Receipt receive(NewInboxMessage message) {
        return receiveThenRead(message, () -> null).receipt();
    }

    /**
     * Stores and applies the payload, then runs {@code read} (both within {@link #DEADLINE}); when the database cannot,
     * journals the payload and answers without what {@code read} would have read.
     */
    public <T> Received<T> receiveThenRead(NewInboxMessage message, Supplier<T> read) {
        long arrived = System.nanoTime();
        Received<T> received = storeThenRead(message, read);
        metrics.ingested(message.source() + ":" + message.eventType(), arrived);
        return received;
    }

    private <T> Received<T> storeThenRead(NewInboxMessage message, Supplier<T> read) {
        Future<Received<T>> attempt;
        try {
            attempt = database.submit(() -> {
                Receipt receipt = storeAndApply(message);
                return new Received<>(receipt, Optional.ofNullable(read.get()));
            });
        } catch (RejectedExecutionException e) {
            return new Received<>(journal(message, e), Optional.empty());
        }
        try {
            return attempt.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Received<>(journal(message, new TimeoutException("the database did not answer within "
                    + DEADLINE.toMillis() + " ms")), Optional.empty());
        } catch (ExecutionException e) {
            if (Outages.isOutage(e.getCause())) {
                return new Received<>(journal(message, e.getCause()), Optional.empty());
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InboxBusyException("Interrupted while storing this webhook; nothing was stored. Please retry.");
        }
    }

    private Receipt storeAndApply(NewInboxMessage message) {
        String type = message.source() + ":" + message.eventType();
        Optional<InboxMessage> stored = inbox.storePending(message);
        if (stored.isEmpty()) {
            metrics.count(type, "duplicate");
            log.info("Duplicate webhook {} ({}) acknowledged; nothing changes", type, message.dedupeKey());
            return Receipt.DUPLICATE;
        }
        metrics.count(type, "stored");
        processor.process(stored.get()); // never throws: a failure is recorded on the payload, and the poller retries it
        return Receipt.STORED;
    }

    /**
     * Status callbacks: completes once the payload is committed in the inbox or, when the database fails or takes longer
     * than {@link #STATUS_DEADLINE}, on the disk in the journal. Never blocks.
     */
    public CompletableFuture<Receipt> receiveLater(NewInboxMessage message) {
        long arrived = System.nanoTime();
        return storeOrJournal(message)
                .whenComplete((receipt, failure) -> metrics.ingested(message.source() + ":" + message.eventType(), arrived));
    }

    private CompletableFuture<Receipt> storeOrJournal(NewInboxMessage message) {
        return writer.store(message).orTimeout(STATUS_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> {
                    Throwable cause = Outages.unwrap(failure);
                    if (!Outages.isOutage(cause)) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    return journal.append(message).thenApply(written -> {
                        journaled(message, cause);
                        return Receipt.JOURNALED;
                    });
                });
    }

    private Receipt journal(NewInboxMessage message, Throwable why) {
        try {
            journal.append(message).get(JOURNAL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw Outages.unwrap(e) instanceof InboxBusyException busy ? busy : new InboxBusyException(e.getMessage());
        } catch (TimeoutException e) {
            throw new InboxBusyException("Neither the database nor the journal took this webhook in time; nothing was"
                    + " stored. Please retry.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InboxBusyException("Interrupted while journaling this webhook; nothing was stored. Please retry.");
        }
        journaled(message, why);
        return Receipt.JOURNALED;
    }

    private void journaled(NewInboxMessage message, Throwable why) {
        String type = message.source() + ":" + message.eventType();
        metrics.count(type, "journaled");
        if (journal.startsJournaling()) {
            log.warn("The database cannot take webhooks now ({}); journaling them in {} until it is back", why.toString(),
                    journal.dir());
        }
        log.debug("Webhook {} ({}) journaled, the database could not take it: {}", type, message.dedupeKey(), why.toString());
    }

    @PreDestroy
    void stop() {
        database.shutdown();
    }
}
