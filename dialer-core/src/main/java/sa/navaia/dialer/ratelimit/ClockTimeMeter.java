package sa.navaia.dialer.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Bucket4j's time source, read from the application's {@link Clock}. Wall-clock based, as shared buckets
 * must be: every process writes the same bucket state with its own clock, so keep the hosts on NTP.
 *
 * <p>{@link #asOf} lets one bucket operation take place at a given instant: the bucket reads that instant
 * instead of the clock (see {@link TokenGate} for why). {@link #reading} tells the latest instant an
 * operation read: Bucket4j reads the clock once inside a database bucket's locking transaction (and its
 * row's expiry just after, before writing), so that is when the operation took place, give or take
 * microseconds, however long the transaction's lock wait and commit take.
 */
final class ClockTimeMeter implements TimeMeter {

    private final Clock clock;
    private final ThreadLocal<Instant> fixed = new ThreadLocal<>();
    /** While {@link #reading} runs on a thread: the latest instant read there (one slot). */
    private final ThreadLocal<Instant[]> latestRead = new ThreadLocal<>();

    /** What an operation answered, and the latest instant it read from this meter (null: none). */
    record Reading<T>(T result, Instant latest) {
    }

    ClockTimeMeter(Clock clock) {
        this.clock = clock;
    }

    /** Runs {@code operation} on this thread with every read of this meter answering {@code instant}. */
    <T> T asOf(Instant instant, Supplier<T> operation) {
        fixed.set(instant);
        try {
            return operation.get();
        } finally {
            fixed.remove();
        }
    }

    /** Runs {@code operation} on this thread and tells the latest instant it read from this meter. */
    <T> Reading<T> reading(Supplier<T> operation) {
        Instant[] latest = new Instant[1];
        latestRead.set(latest);
        try {
            T result = operation.get();
            return new Reading<>(result, latest[0]);
        } finally {
            latestRead.remove();
        }
    }

    @Override
    public long currentTimeNanos() {
        Instant asOf = fixed.get();
        Instant now = asOf != null ? asOf : clock.instant();
        Instant[] latest = latestRead.get();
        if (latest != null) {
            latest[0] = now;
        }
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
