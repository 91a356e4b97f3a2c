package sa.navaia.dialer.webhook.inbox;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.inbox.InboxMessage;
import sa.navaia.dialer.inbox.NewInboxMessage;
import sa.navaia.dialer.inbox.WebhookInboxRepository;
import sa.navaia.dialer.webhook.inbox.InboxService.Receipt;

/**
 * Stores verified payloads with group commit: what arrives while a group is being written goes into the next group,
 * stored in one transaction with one commit. A sender's future completes only once its payload is committed (or
 * found stored already), so nothing is acknowledged before it is durable; then the stored payloads are handed to the
 * {@link InboxApplier}. A group is one batch insert; with a payload stored already (a second delivery) it is one insert
 * per payload in one transaction, where the duplicate fails alone. A group that fails for any other reason (a lock
 * conflict, a value the database refuses) rolls back and its payloads are stored one by one, each in its own
 * transaction, so a bad payload fails only its own request.
 */
@Singleton
public final class InboxWriter {

    static final int MAX_GROUP = 200;
    /** Two writers: one fills its group while the other waits for its commit. */
    private static final int WRITERS = 2;
    private static final int CAPACITY = 10_000;
    private static final Logger log = LoggerFactory.getLogger(InboxWriter.class);

    private record Waiting(NewInboxMessage message, CompletableFuture<Receipt> receipt) {
    }

    private final WebhookInboxRepository inbox;
    private final TransactionTemplate transactions;
    private final InboxApplier applier;
    private final WebhookMetrics metrics;
    private final GroupingQueue<Waiting> queue;

    InboxWriter(WebhookInboxRepository inbox, TransactionTemplate transactions, InboxApplier applier, WebhookMetrics metrics) {
        this.inbox = inbox;
        this.transactions = transactions;
        this.applier = applier;
        this.metrics = metrics;
        this.queue = new GroupingQueue<>("inbox-writer", WRITERS, CAPACITY, MAX_GROUP, this::write);
    }

    /**
     * Completes with {@code STORED} or {@code DUPLICATE} once the payload is durable; exceptionally with the database's
     * error (nothing stored), or with {@link InboxBusyException} when the queue is full or the receiver is stopping.
     * Never blocks.
     */
    public CompletableFuture<Receipt> store(NewInboxMessage message) {
        CompletableFuture<Receipt> receipt = new CompletableFuture<>();
        if (!queue.offer(new Waiting(message, receipt))) {
            receipt.completeExceptionally(new InboxBusyException());
        }
        return receipt;
    }

    private void write(List<Waiting> group) {
        try {
            writeGroup(group);
        } catch (RuntimeException e) {
            group.forEach(waiting -> waiting.receipt().completeExceptionally(e)); // those not answered yet
        }
    }

    private void writeGroup(List<Waiting> group) {
        List<Optional<InboxMessage>> stored;
        try {
            stored = storeTogether(group.stream().map(Waiting::message).toList());
        } catch (RuntimeException groupFailed) {
            log.debug("A group of {} webhooks rolled back ({}); storing them one by one", group.size(), groupFailed.toString());
            group.forEach(this::writeAlone);
            return;
        }
        List<InboxMessage> toApply = new ArrayList<>(group.size());
        stored.forEach(message -> message.ifPresent(toApply::add));
        // Handed over before anyone is answered: a sender that waits for its answer before sending the next callback
        // of a call gets them applied in that order.
        applier.applyLater(toApply);
        for (int i = 0; i < group.size(); i++) {
            acknowledge(group.get(i), stored.get(i).isPresent());
        }
    }

    /**
     * One transaction: a single batch insert, or when some payload of the group is stored already (a sender's second
     * delivery), one insert each, the duplicates failing alone. Empty for a duplicate.
     */
    List<Optional<InboxMessage>> storeTogether(List<NewInboxMessage> messages) {
        try {
            return transactions.execute(status -> inbox.storeAllPending(messages)).stream().map(Optional::of).toList();
        } catch (DuplicateKeyException someStoredAlready) {
            return transactions.execute(status -> messages.stream().map(inbox::storePending).toList());
        }
    }

    private void writeAlone(Waiting waiting) {
        Optional<InboxMessage> stored;
        try {
            stored = inbox.storePending(waiting.message());
        } catch (RuntimeException e) {
            waiting.receipt().completeExceptionally(e);
            return;
        }
        stored.ifPresent(message -> applier.applyLater(List.of(message)));
        acknowledge(waiting, stored.isPresent());
    }

    private void acknowledge(Waiting waiting, boolean stored) {
        NewInboxMessage message = waiting.message();
        String type = message.source() + ":" + message.eventType();
        metrics.count(type, stored ? "stored" : "duplicate");
        if (!stored) {
            log.debug("Duplicate webhook {} ({}) acknowledged; nothing changes", type, message.dedupeKey());
        }
        waiting.receipt().complete(stored ? Receipt.STORED : Receipt.DUPLICATE);
    }

    /** Stops taking payloads; groups being written are finished, payloads still queued are refused (nothing was stored). */
    @PreDestroy
    void stop() throws InterruptedException {
        queue.stop().forEach(waiting -> waiting.receipt().completeExceptionally(new InboxBusyException()));
    }
}
