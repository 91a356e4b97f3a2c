package sa.navaia.dialer.dialing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of one run, safe to read from another thread for progress lines. */
public final class DialStats {

    private final Instant startedAt;
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong withheld = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<String> fatal = new java.util.concurrent.atomic.AtomicReference<>();

    public DialStats(Instant startedAt) {
        this.startedAt = startedAt;
    }

    void placed() {
        placed.incrementAndGet();
    }

    void refused() {
        refused.incrementAndGet();
    }

    void unknown() {
        unknown.incrementAndGet();
    }

    public void skipped() {
        skipped.incrementAndGet();
    }

    void lost() {
        lost.incrementAndGet();
    }

    /** An attempt opened, then not sent because the campaign was paused or cancelled meanwhile. */
    void withheld() {
        withheld.incrementAndGet();
    }

    public long withheldCount() {
        return withheld.get();
    }

    void fatal(String message) {
        fatal.compareAndSet(null, message);
    }

    /** A refusal about our request or account, not one number: dialing on would only repeat it. */
    public java.util.Optional<String> fatalError() {
        return java.util.Optional.ofNullable(fatal.get());
    }

    public long placedCount() {
        return placed.get();
    }

    public long skippedCount() {
        return skipped.get();
    }

    public long refusedCount() {
        return refused.get();
    }

    public long unknownCount() {
        return unknown.get();
    }

    /** Placed calls per second since the run started. */
    public double callsPerSecond(Instant now) {
        double seconds = Math.max(0.001, Duration.between(startedAt, now).toMillis() / 1000.0);
        return placed.get() / seconds;
    }

    public String describe(Instant now) {
        return String.format(java.util.Locale.ROOT, "placed %d, skipped %d, refused %d, unknown %d, taken by another worker %d, withheld (campaign paused or cancelled) %d, %.1f calls/s",
                placed.get(), skipped.get(), refused.get(), unknown.get(), lost.get(), withheld.get(), callsPerSecond(now));
    }
}
