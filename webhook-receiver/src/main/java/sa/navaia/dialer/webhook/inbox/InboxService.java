package sa.navaia.dialer.webhook.inbox;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.inbox.NewInboxMessage;
import sa.navaia.dialer.inbox.WebhookInboxRepository;

/**
 * Receives a verified webhook: stores it (a database failure propagates, so the caller answers 503 and
 * the sender delivers again), then applies it at once; once stored, a failure to apply never fails the request.
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
        Optional<Long> id = inbox.store(message);
        if (id.isEmpty()) {
            metrics.count(type, "duplicate");
            log.info("Duplicate webhook {} ({}) acknowledged; nothing changes", type, message.dedupeKey());
            return Receipt.DUPLICATE;
        }
        metrics.count(type, "stored");
        try {
            inbox.find(id.get()).ifPresent(processor::process);
        } catch (RuntimeException e) {
            log.warn("Webhook {} #{} stored; applying it failed and the poller will retry: {}", type, id.get(), e.getMessage());
        }
        return Receipt.STORED;
    }
}
