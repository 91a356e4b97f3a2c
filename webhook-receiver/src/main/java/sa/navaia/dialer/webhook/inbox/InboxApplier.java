package sa.navaia.dialer.webhook.inbox;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.inbox.InboxMessage;

/**
 * Applies stored payloads soon after they were acknowledged, on one thread, in the order they were stored, in groups
 * of whatever arrived meanwhile (one transaction per group, see {@link InboxProcessor#processAll}). A payload that
 * does not fit in the queue, or is still queued when the receiver stops, is not lost: it is in the inbox as
 * {@code pending}, and the poller applies it once its first retry is due.
 */
@Singleton
final class InboxApplier {

    static final int MAX_GROUP = 100;
    /** About as much as this thread applies in the inbox's first retry delay, so the poller rarely races it. */
    private static final int CAPACITY = 5_000;
    private static final Logger log = LoggerFactory.getLogger(InboxApplier.class);

    private final GroupingQueue<InboxMessage> queue;

    InboxApplier(InboxProcessor processor) {
        this.queue = new GroupingQueue<>("inbox-applier", 1, CAPACITY, MAX_GROUP, processor::processAll);
    }

    /** Queues stored payloads to be applied; those that do not fit are left to the poller. */
    void applyLater(List<InboxMessage> stored) {
        for (InboxMessage message : stored) {
            if (!queue.offer(message)) {
                log.debug("Apply queue full; webhook #{} waits for the poller", message.id());
            }
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        queue.stop();
    }
}
