package sa.navaia.dialer.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Takes one token from each of a call's buckets (see {@link BucketKey#forCall} for their order).
 *
 * <p>Every token is <em>booked</em>: one operation (one locking transaction for a database bucket) takes
 * the bucket's next token, the one after every token already booked by any process, and says when it is
 * due. A bucket's booked tokens are exactly one period apart on its own timeline, however late or uneven
 * the transactions come back, so neither the pace nor the limit depends on the load of the machine; and
 * waiting threads do not wake together to compete for a refill: there is one operation per token.
 *
 * <p>The first bucket binds: it has the lowest rate. Its token is booked however far ahead (each process
 * books at most {@value #BOOKED_AHEAD} of a bucket ahead, its other threads wait here, so a stopped process
 * wastes few and the next booking is made well before it is due); the call waits until it is due. The
 * other buckets are then booked only if their token is due within one of their periods (Bucket4j books
 * nothing otherwise), normally at once, and the call waits for each. When one is further off (other
 * calls hold it), the binding token is lost and the call books another. Last, the grant waits until one
 * binding period after this process's previous grant: a call whose bookings came back late must not
 * follow the previous one closer than the rate. Across processes only the bookings keep grants apart,
 * give or take how late each grant comes after its booked instant (see {@link CallRateLimiter}).
 *
 * <p>Tokens are never given back. A bucket with bookings is negative; a token added to it would move the
 * next booking onto an instant already booked, and two calls would share it. A token a call did not use
 * only slows calls down; it never speeds them up.
 */
final class TokenGate {

    /** Booked tokens of one bucket this process may hold at once: at 50 calls/s, 160 ms of bookings. */
    static final int BOOKED_AHEAD = 8;
    /**
     * Buckets are forgotten, once this process knows this many, when it holds none of their bookings and
     * made no grant with them for {@link #IDLE}.
     */
    private static final int PRUNE_SIZE = 10_000;
    private static final Duration IDLE = Duration.ofMinutes(10);
    /** The binding bucket is not booked beyond this many periods ahead; other processes hold that many. */
    private static final int MAX_BOOKED_PERIODS = 1_000;

    private final Function<BucketKey, BucketOperations> buckets;
    private final Clock clock;
    private final Sleeper sleeper;
    /** What this process knows of each bucket it has used; pruned by {@link #bucket}. */
    private final Map<BucketKey, LocalBucket> local = new ConcurrentHashMap<>();

    /**
     * One bucket as this process sees it: its operations (looked up once), the bookings it may still make,
     * and the last grant this process made with it as the binding bucket.
     */
    private static final class LocalBucket {
        final BucketOperations operations;
        final Semaphore bookings = new Semaphore(BOOKED_AHEAD, true);
        private Instant lastGrant;

        LocalBucket(BucketOperations operations) {
            this.operations = operations;
        }

        synchronized boolean idleSince(Instant cutoff) {
            return bookings.availablePermits() == BOOKED_AHEAD && (lastGrant == null || lastGrant.isBefore(cutoff));
        }

        /** The instant of the next grant: not before {@code now}, and one period after the last. */
        synchronized Instant nextGrant(Instant now, Duration period) {
            lastGrant = lastGrant == null || !lastGrant.plus(period).isAfter(now) ? now : lastGrant.plus(period);
            return lastGrant;
        }
    }

    TokenGate(Function<BucketKey, BucketOperations> buckets, Clock clock, Sleeper sleeper) {
        this.buckets = buckets;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Tries each bucket once, in order; a refusal leaves the tokens already taken spent. */
    CallRateLimiter.Attempt tryTake(List<BucketKey> keys) {
        for (BucketKey key : keys) {
            ConsumptionProbe probe = bucket(key).operations.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                return new CallRateLimiter.Wait(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())), key.name());
            }
        }
        return new CallRateLimiter.Granted(clock.instant());
    }

    Instant take(List<BucketKey> keys) throws InterruptedException {
        Duration period = keys.get(0).refillPeriod();
        while (true) {
            Optional<Instant> granted = take(keys, period.multipliedBy(MAX_BOOKED_PERIODS));
            if (granted.isPresent()) {
                return granted.get();
            }
            sleeper.sleep(period);
        }
    }

    /**
     * Takes the call's tokens if its binding token can be booked within {@code maxWait}; empty when it
     * cannot (nothing is booked beyond {@code maxWait}).
     */
    Optional<Instant> take(List<BucketKey> keys, Duration maxWait) throws InterruptedException {
        BucketKey binding = keys.get(0);
        LocalBucket bindingBucket = bucket(binding);
        List<BucketKey> others = keys.subList(1, keys.size());
        Instant deadline = clock.instant().plus(maxWait);
        while (true) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || !takeBinding(bindingBucket, left)) {
                return Optional.empty();
            }
            if (takeOthers(others)) {
                Instant granted = bindingBucket.nextGrant(clock.instant(), binding.refillPeriod());
                sleepUntil(granted);
                return Optional.of(granted);
            }
        }
    }

    /** Books the binding bucket's next token if it is due within {@code maxWait}, and waits until it is due. */
    private boolean takeBinding(LocalBucket bucket, Duration maxWait) throws InterruptedException {
        if (!bucket.bookings.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        try {
            Optional<Instant> due = book(bucket, maxWait);
            if (due.isPresent()) {
                sleepUntil(due.get());
            }
            return due.isPresent();
        } finally {
            bucket.bookings.release();
        }
    }

    /** Books each of the other buckets' next token if it is due within one of its periods, and waits for it. */
    private boolean takeOthers(List<BucketKey> keys) throws InterruptedException {
        for (BucketKey key : keys) {
            Optional<Instant> due = book(bucket(key), key.refillPeriod());
            if (due.isEmpty()) {
                return false;
            }
            sleepUntil(due.get());
        }
        return true;
    }

    /**
     * When the booked token is due, counted from the end of the booking: Bucket4j counts the wait from a
     * time it read during the booking (a database bucket reads it before waiting for the row lock), so
     * counting from the start could put the token before its booked instant, and two calls closer than
     * one period; counted from the end, it is at most the booking's length after it.
     */
    private Optional<Instant> book(LocalBucket bucket, Duration maxWait) {
        Optional<Duration> wait = bucket.operations.reserve(maxWait);
        Instant booked = clock.instant();
        return wait.map(booked::plus);
    }

    private LocalBucket bucket(BucketKey key) {
        LocalBucket known = local.get(key);
        if (known != null) {
            return known;
        }
        if (local.size() > PRUNE_SIZE) {
            Instant cutoff = clock.instant().minus(IDLE);
            local.values().removeIf(bucket -> bucket.idleSince(cutoff));
        }
        return local.computeIfAbsent(key, k -> new LocalBucket(buckets.apply(k)));
    }

    private void sleepUntil(Instant instant) throws InterruptedException {
        Duration wait = Duration.between(clock.instant(), instant);
        if (!wait.isNegative() && !wait.isZero()) {
            sleeper.sleep(wait);
        }
    }
}
