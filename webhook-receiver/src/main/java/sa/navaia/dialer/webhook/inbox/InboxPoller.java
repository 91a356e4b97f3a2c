package sa.navaia.dialer.webhook.inbox;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.inbox.InboxMessage;
import sa.navaia.dialer.inbox.WebhookInboxRepository;

/**
 * Retries stored payloads that are still pending or failed once their next attempt is due: after a crash, a failure,
 * or when the applier's queue was full. Takes them {@value #BATCH} at a time while full batches come back, so a backlog
 * drains at the applier's pace, up to {@value #MAX_BATCHES_PER_POLL} batches per poll.
 */
@Singleton
final class InboxPoller {

    private static final int BATCH = InboxApplier.MAX_GROUP;
    private static final int MAX_BATCHES_PER_POLL = 100;
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
            for (int batch = 0; batch < MAX_BATCHES_PER_POLL; batch++) {
                List<InboxMessage> due = inbox.due(BATCH);
                processor.processAll(due);
                if (due.size() < BATCH) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Inbox poll skipped, the database did not answer: {}", e.getMessage());
        }
    }
}
