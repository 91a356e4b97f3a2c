package sa.navaia.dialer.webhook.inbox;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.inbox.InboxMessage;
import sa.navaia.dialer.inbox.NewInboxMessage;
import sa.navaia.dialer.inbox.WebhookInboxRepository;

/**
 * Receives a verified webhook in the request: stores it (a database failure propagates, so the caller answers 503 and
 * the sender delivers again), then applies it at once; once stored, a failure to apply never fails the request.
 * Status callbacks take {@link InboxWriter} instead, which stores them in groups and applies them after the answer.
 */
@Singleton
public final class InboxService {

    private static final Logger log = LoggerFactory.getLogger(InboxService.class);

    /** Whether the payload was new, or a delivery of one stored before (acknowledged, nothing changes). */
    public enum Receipt { STORED, DUPLICATE }

    private final WebhookInboxRepository inbox;
    private final InboxProcessor processor;
    private final WebhookMetrics metrics;

    InboxService(WebhookInboxRepository inbox, InboxProcessor processor, WebhookMetrics metrics) {
        this.inbox = inbox;
        this.processor = processor;
        this.metrics = metrics;
    }

    public Receipt receive(NewInboxMessage message) {
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
}
