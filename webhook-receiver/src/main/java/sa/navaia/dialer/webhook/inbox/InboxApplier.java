package sa.navaia.dialer.webhook.inbox;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.inbox.InboxMessage;

/**
 * Applies stored payloads soon after they were acknowledged, in groups of whatever arrived meanwhile (one transaction
 * per group, see {@link InboxProcessor#processAll}), on {@value #LANES} threads. A call's payloads (those of one session)
 * always go to the same thread, in the order they were stored; the calls are spread over the threads, so that the round
 * trips and commits of one group do not hold up every other call's callbacks (one thread applied 60-100 callbacks a
 * second on a busy two-core machine, fewer than 50 calls a second send). A payload that does not fit in its queue, or is
 * still queued when the receiver stops, is not lost: it is in the inbox as {@code pending}, and the poller applies it
 * once its first retry is due.
 */
@Singleton
final class InboxApplier {

    static final int MAX_GROUP = 100;
    static final int LANES = 4;
    /** About as much as a thread applies in the inbox's first retry delay, so the poller rarely races it. */
    private static final int CAPACITY = 5_000;
    private static final Logger log = LoggerFactory.getLogger(InboxApplier.class);

    private final List<GroupingQueue<InboxMessage>> lanes = new ArrayList<>(LANES);

    InboxApplier(InboxProcessor processor) {
        for (int lane = 1; lane <= LANES; lane++) {
            lanes.add(new GroupingQueue<>("inbox-applier-" + lane, 1, CAPACITY, MAX_GROUP, processor::processAll));
        }
    }

    /** Queues stored payloads to be applied, each on its session's lane; those that do not fit are left to the poller. */
    void applyLater(List<InboxMessage> stored) {
        for (InboxMessage message : stored) {
            if (!laneOf(message).offer(message)) {
                log.debug("Apply queue full; webhook #{} waits for the poller", message.id());
            }
        }
    }

    private GroupingQueue<InboxMessage> laneOf(InboxMessage message) {
        int hash = message.sessionId().map(String::hashCode).orElse(0);
        return lanes.get(Math.floorMod(hash, LANES));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        for (GroupingQueue<InboxMessage> lane : lanes) {
            lane.stop();
        }
    }
}
