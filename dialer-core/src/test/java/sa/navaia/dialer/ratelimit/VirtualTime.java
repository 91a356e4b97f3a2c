package sa.navaia.dialer.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * A clock and sleeper for tests: time stands still while any registered thread is working, and jumps
 * to the earliest wake-up once every registered thread sleeps. So a test sees exactly the instants the
 * limiter asked for, never sleeps for real, and no database latency leaks into the recorded times.
 * Register each working thread with {@link #enter()} before any of them starts, and {@link #leave()}
 * when it is done.
 */
final class VirtualTime extends Clock implements Sleeper {

    private final PriorityQueue<Long> wakeUps = new PriorityQueue<>();
    private long nanos;
    private int running;

    VirtualTime(Instant start) {
        this.nanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
    }

    synchronized void enter() {
        running++;
    }

    synchronized void leave() {
        running--;
        advanceIfAllAsleep();
    }

    @Override
    public synchronized void sleep(Duration duration) throws InterruptedException {
        long wakeUp = nanos + Math.max(0, duration.toNanos());
        wakeUps.add(wakeUp);
        running--;
        advanceIfAllAsleep();
        while (nanos < wakeUp) {
            wait();
        }
    }

    /**
     * Moves time on by {@code duration} while the calling thread keeps working, as a slow operation
     * would (a thread blocked on a lock it holds could not sleep here); wakes the sleepers now due.
     */
    synchronized void pass(Duration duration) {
        nanos += duration.toNanos();
        while (!wakeUps.isEmpty() && wakeUps.peek() <= nanos) {
            wakeUps.poll();
            running++;
        }
        notifyAll();
    }

    private void advanceIfAllAsleep() {
        if (running == 0 && !wakeUps.isEmpty()) {
            nanos = Math.max(nanos, wakeUps.peek());
            while (!wakeUps.isEmpty() && wakeUps.peek() <= nanos) {
                wakeUps.poll();
                running++;
            }
            notifyAll();
        }
    }

    @Override
    public synchronized Instant instant() {
        return Instant.ofEpochSecond(0, nanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("VirtualTime is UTC only");
    }
}
