package sa.navaia.dialer.webhook.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue that worker threads drain in groups: each takes whatever is waiting, up to {@code maxGroup}, and
 * hands it over in one call, so the work per group (a transaction, a commit) is shared by everything that arrived
 * while the previous group was handled. Offering never blocks.
 */
final class GroupingQueue<T> {

    private static final Logger log = LoggerFactory.getLogger(GroupingQueue.class);

    private final BlockingQueue<T> queue;
    private final int maxGroup;
    private final Consumer<List<T>> handler;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    GroupingQueue(String name, int workers, int capacity, int maxGroup, Consumer<List<T>> handler) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxGroup = maxGroup;
        this.handler = handler;
        for (int i = 1; i <= workers; i++) {
            Thread worker = new Thread(this::drainUntilStopped, workers == 1 ? name : name + "-" + i);
            worker.setDaemon(true);
            worker.start();
            this.workers.add(worker);
        }
    }

    /** False when the queue is full or stopped: the item was not taken. */
    boolean offer(T item) {
        return running && queue.offer(item);
    }

    private void drainUntilStopped() {
        List<T> group = new ArrayList<>(maxGroup);
        while (running) {
            try {
                T first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
                handler.accept(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("{} dropped a group of {}: {}", Thread.currentThread().getName(), group.size(), e.toString());
            } finally {
                group.clear();
            }
        }
    }

    /** Lets the workers finish the group in hand (waiting up to 5 s for each), and answers what was still queued. */
    List<T> stop() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(5));
        }
        List<T> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }
}
