package sa.navaia.dialer.ratelimit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Waits for time to pass; the partner of the injected clock, so tests move virtual time instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /**
     * Sleeps to within a fraction of a millisecond. {@code Thread.sleep(millis, nanos)} rounds up to the next
     * whole millisecond, which at 50 calls/s would add half a millisecond to every 20 ms token on average.
     */
    Sleeper SYSTEM = duration -> {
        long deadline = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException("Interrupted while waiting " + duration);
            }
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
