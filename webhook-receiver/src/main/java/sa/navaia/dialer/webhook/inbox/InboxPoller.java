package sa.navaia.dialer.webhook.inbox;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.inbox.WebhookInboxRepository;

/** Retries stored payloads that are still pending or failed once their next attempt is due. */
@Singleton
final class InboxPoller {

    private static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(InboxPoller.class);

    private final WebhookInboxRepository inbox;
    private final InboxProcessor processor;

    InboxPoller(WebhookInboxRepository inbox, InboxProcessor processor) {
        this.inbox = inbox;
        this.processor = processor;
    }

    @Scheduled(fixedDelay = "${dialer.inbox.poll-interval:5s}", initialDelay = "${dialer.inbox.poll-interval:5s}")
    void poll() {
        try {
            inbox.due(BATCH).forEach(processor::process);
        } catch (RuntimeException e) {
            log.warn("Inbox poll skipped, the database did not answer: {}", e.getMessage());
        }
    }
}
