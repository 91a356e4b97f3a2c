package sa.navaia.dialer.webhook.inbox;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.db.LockConflicts;
import sa.navaia.dialer.inbox.InboxMessage;
import sa.navaia.dialer.inbox.WebhookInboxRepository;
import sa.navaia.dialer.postcall.MalformedPayloadException;

/**
 * Applies stored payloads, each in one transaction with its {@code processed}/{@code unmatched} mark.
 * A failure leaves the payload {@code failed} with its next try after an exponential backoff
 * (10 s, 20 s, 40 s, ... at most 10 min); after {@value #MAX_ATTEMPTS} attempts it stays {@code failed} for an operator.
 */
@Singleton
public final class InboxProcessor {

    static final int MAX_ATTEMPTS = 8;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);

    private final List<InboxHandler> handlers;
    private final WebhookInboxRepository inbox;
    private final TransactionTemplate transactions;
    private final WebhookMetrics metrics;
    private final Clock clock;

    InboxProcessor(List<InboxHandler> handlers, WebhookInboxRepository inbox, TransactionTemplate transactions,
                   WebhookMetrics metrics, Clock clock) {
        this.handlers = handlers;
        this.inbox = inbox;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Applies the payload; never throws, a failure is recorded on the payload instead. */
    public void process(InboxMessage message) {
        String type = type(message);
        try {
            InboxHandler handler = handlerFor(message);
            // A lock conflict with the dialer (recording the same call's SID) rolls the whole payload back; apply it again.
            InboxHandler.Applied applied = LockConflicts.retry(() -> transactions.execute(status -> applyAndMark(handler, message)));
            report(message, applied);
        } catch (RuntimeException e) {
            recordFailure(message, type, e);
        }
    }

    /**
     * Applies the payloads in order, all in one transaction (one commit for the group); never throws. If any of them
     * fails, or the group meets a lock conflict, the whole group rolls back and each payload is applied on its own, as
     * {@link #process} does, so one bad payload fails only itself.
     */
    public void processAll(List<InboxMessage> messages) {
        if (messages.size() <= 1) {
            messages.forEach(this::process);
            return;
        }
        List<InboxHandler.Applied> applied;
        try {
            applied = transactions.execute(status -> applyAllAndMark(messages));
        } catch (RuntimeException groupFailed) {
            log.debug("A group of {} webhooks rolled back ({}); applying them one by one", messages.size(), groupFailed.toString());
            messages.forEach(this::process);
            return;
        }
        for (int i = 0; i < messages.size(); i++) {
            report(messages.get(i), applied.get(i));
        }
    }

    private InboxHandler handlerFor(InboxMessage message) {
        return handlers.stream().filter(h -> h.handles(message.source(), message.eventType()))
                .findFirst().orElseThrow(() -> new MalformedPayloadException("No handler for " + type(message) + "."));
    }

    /** Applies each payload in order, then marks the matched ones processed in one statement. */
    private List<InboxHandler.Applied> applyAllAndMark(List<InboxMessage> messages) {
        List<InboxHandler.Applied> results = new ArrayList<>(messages.size());
        List<Long> processed = new ArrayList<>(messages.size());
        for (InboxMessage message : messages) {
            InboxHandler.Applied result = handlerFor(message).apply(message);
            if (result.matched()) {
                processed.add(message.id());
            } else {
                inbox.markUnmatched(message.id(), result.detail());
            }
            results.add(result);
        }
        inbox.markAllProcessed(processed);
        return results;
    }

    private InboxHandler.Applied applyAndMark(InboxHandler handler, InboxMessage message) {
        InboxHandler.Applied result = handler.apply(message);
        if (result.matched()) {
            inbox.markProcessed(message.id());
        } else {
            inbox.markUnmatched(message.id(), result.detail());
        }
        return result;
    }

    private void report(InboxMessage message, InboxHandler.Applied applied) {
        String type = type(message);
        if (!applied.matched()) {
            log.warn("Webhook {} #{} kept as unmatched: {}", type, message.id(), applied.detail());
        }
        metrics.count(type, applied.matched() ? "processed" : "unmatched");
        metrics.applied(type, Duration.between(message.receivedAt(), clock.instant()));
    }

    private static String type(InboxMessage message) {
        return message.source() + ":" + message.eventType();
    }

    private void recordFailure(InboxMessage message, String type, RuntimeException e) {
        int attempts = message.attempts() + 1;
        boolean permanent = e instanceof MalformedPayloadException || attempts >= MAX_ATTEMPTS;
        Instant next = permanent ? null : clock.instant().plus(backoff(attempts));
        metrics.count(type, "failed");
        try {
            inbox.markFailed(message.id(), e.getClass().getSimpleName() + ": " + e.getMessage(), next);
            log.warn("Webhook {} #{} failed (attempt {}){}: {}", type, message.id(), attempts,
                    permanent ? ", giving up" : ", will retry at " + next, e.getMessage());
        } catch (RuntimeException stillDown) {
            // It stays pending with its first retry time: the poller picks it up once the database is back.
            log.warn("Webhook {} #{} failed and could not be marked ({}); the poller will retry it.", type,
                    message.id(), stillDown.getMessage());
        }
    }

    static Duration backoff(int attempts) {
        Duration delay = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }
}
