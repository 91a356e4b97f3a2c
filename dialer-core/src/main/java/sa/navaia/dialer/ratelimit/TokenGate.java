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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * wastes few and the next booking is made well before it is due). The token is due the booked delay after
 * the booking's instant on the bucket's clock: the latest instant the bucket read during the booking
 * ({@link ClockTimeMeter#reading}; a database bucket reads it inside the row's lock, and once more for the
 * row's expiry just before writing it), so it is known to within microseconds however long the lock wait
 * and the commit take, and every process counts on one timeline.
 *
 * <p>The other buckets are booked {@linkplain #LEAD shortly} before that, <em>as of</em> the binding token's
 * instant (their clock reads that instant, or now if it has passed; see {@link ClockTimeMeter#asOf}), and
 * only if their token is due within one of their periods of it (Bucket4j books nothing otherwise). As long
 * as only these calls use them, their tokens are then due with the binding ones and never hold a call
 * back. Booked as of whenever the transaction happened to run instead, one late booking would put their
 * next token late, and at a rate just above the binding one they would take many calls to catch up,
 * holding each of them back by a different amount. When one is further off (other calls hold it), the
 * call's tokens are given up and the call books another binding token. Last, the grant waits until one
 * period of the configured rate after this process's previous grant (the bucket runs a little slower, see
 * {@link RateLimits#HEADROOM}): a late grant holds the next one back, and the lag shrinks again by the
 * difference, never bringing more grants of one process into a second than the configured rate.
 *
 * <p>Across processes the bookings alone keep grants apart, as long as each grant goes within
 * {@linkplain BucketKey#lateGrantAllowance the headroom's slack} (5 ms) of its tokens. A call whose binding
 * token came back later than that (a slow booking), or whose other tokens did (a slow booking of theirs, a
 * late thread), or whose thread woke late for its grant (a GC pause, a busy CPU), gives its tokens up unused
 * and books the next binding token: sent late, it would land
 * beside the other processes' calls that are on time, and put one more than the rate into a second. A
 * given-up token costs the pace one call, so a process gives up at most one in
 * {@value #GRANTS_PER_GIVE_UP} (and {@value #LATE_GIVE_UPS_AT_ONCE} at once); past that a call goes with its
 * tokens however late. What is left: a thread held up between its grant and its
 * request (microseconds, unless a pause falls there), and, for a caller-ID or account bucket shared by campaigns of different rates, how far apart
 * the instants they are booked as of come (see {@link CallRateLimiter}).
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
    /**
     * How long before the binding token is due the other buckets are booked, so that their transactions
     * end before it even on a busy machine; at most two binding periods. With 10 ms, a third of the late
     * tokens in a run at 50 calls/s on two cores came from these bookings (p90 38 ms); with 40 ms, a tenth.
     */
    static final Duration LEAD = Duration.ofMillis(40);
    /**
     * Late tokens a process may give up with one binding bucket: at most this many at once, and one more
     * for every {@value #GRANTS_PER_GIVE_UP} grants. Past that, a call goes with its tokens however late, so
     * that a process that runs late all the time (at high rates, when the bookings take longer than the
     * few periods booked ahead) spends at most one token in {@value #GRANTS_PER_GIVE_UP} unused and one
     * more transaction or three, instead of every call giving up its tokens again and again. Its own
     * grants still keep one configured period apart (see {@link LocalBucket#nextGrant}).
     */
    static final int LATE_GIVE_UPS_AT_ONCE = 3;
    static final int GRANTS_PER_GIVE_UP = 16;

    private static final Logger log = LoggerFactory.getLogger(TokenGate.class);

    private final BucketStore buckets;
    private final Clock clock;
    private final Sleeper sleeper;
    /** What this process knows of each bucket it has used; pruned by {@link #bucket}. */
    private final Map<BucketKey, LocalBucket> local = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong givenUp = new java.util.concurrent.atomic.AtomicLong();

    /**
     * One bucket as this process sees it: its operations (looked up once), the bookings it may still make,
     * and the last grant this process made with it as the binding bucket.
     */
    private static final class LocalBucket {
        final BucketOperations operations;
        final Semaphore bookings = new Semaphore(BOOKED_AHEAD, true);
        private Instant lastGrant;
        private double giveUps = LATE_GIVE_UPS_AT_ONCE;

        LocalBucket(BucketOperations operations) {
            this.operations = operations;
        }

        synchronized boolean idleSince(Instant cutoff) {
            return bookings.availablePermits() == BOOKED_AHEAD && (lastGrant == null || lastGrant.isBefore(cutoff));
        }

        /** The instant of the next grant: not before {@code ready}, and at least {@code spacing} after the last. */
        synchronized Instant nextGrant(Instant ready, Duration spacing) {
            lastGrant = lastGrant == null || !lastGrant.plus(spacing).isAfter(ready) ? ready : lastGrant.plus(spacing);
            giveUps = Math.min(LATE_GIVE_UPS_AT_ONCE, giveUps + 1.0 / GRANTS_PER_GIVE_UP);
            return lastGrant;
        }

        /** Whether a late token may be given up now (see {@link #LATE_GIVE_UPS_AT_ONCE}); counts it if so. */
        synchronized boolean spendGiveUp() {
            if (giveUps < 1) {
                return false;
            }
            giveUps--;
            return true;
        }
    }

    TokenGate(BucketStore buckets, Clock clock, Sleeper sleeper) {
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
        Duration lead = min(LEAD, binding.refillPeriod().multipliedBy(2));
        Duration allowance = binding.lateGrantAllowance();
        Instant deadline = clock.instant().plus(maxWait);
        while (true) {
            if (clock.instant().isAfter(deadline)) {
                return Optional.empty();
            }
            Optional<Instant> due = bookBinding(bindingBucket, deadline, lead);
            if (due.isEmpty()) {
                return Optional.empty();
            }
            if (givesUpLate(bindingBucket, due.get(), allowance, binding.name())) {
                continue;
            }
            // Not as of an instant already past: a booking as of the past could come before other bookings
            // of the bucket made since, and be counted from the wrong instant.
            Optional<Instant> othersDue = bookOthers(others, max(due.get(), clock.instant()));
            if (othersDue.isPresent()) {
                Instant tokensDue = max(due.get(), othersDue.get());
                if (givesUpLate(bindingBucket, tokensDue, allowance, "other")) {
                    continue;
                }
                Instant ready = max(tokensDue, clock.instant());
                Instant granted = bindingBucket.nextGrant(ready, binding.grantSpacing());
                sleepUntil(granted);
                // The thread itself can wake late (a GC pause, a busy CPU): the same rule.
                if (givesUpLate(bindingBucket, granted, allowance, "granted")) {
                    continue;
                }
                return Optional.of(granted);
            }
        }
    }

    /** Tokens this process gave up unused since it started, because they came back late. */
    long tokensGivenUp() {
        return givenUp.get();
    }

    /**
     * Whether the call gives up its tokens, due at {@code due}: a grant now would come more than
     * {@code allowance} after them, and the binding bucket may give one up.
     */
    private boolean givesUpLate(LocalBucket binding, Instant due, Duration allowance, String tokens) {
        Duration late = Duration.between(due, clock.instant());
        if (late.compareTo(allowance) <= 0 || !binding.spendGiveUp()) {
            return false;
        }
        givenUp.incrementAndGet();
        log.debug("A call's {} token came back {} us late; it is given up and the call books the next one.",
                tokens, late.toNanos() / 1000);
        return true;
    }

    /**
     * Books the binding bucket's next token if it is due by {@code deadline}, and waits until {@code lead}
     * before it is due; when it is due.
     */
    private Optional<Instant> bookBinding(LocalBucket bucket, Instant deadline, Duration lead) throws InterruptedException {
        if (!bucket.bookings.tryAcquire(Duration.between(clock.instant(), deadline).toNanos(), TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        try {
            Duration maxWait = Duration.between(clock.instant(), deadline);
            if (maxWait.isNegative()) {
                return Optional.empty();
            }
            Optional<Instant> due = bucket.operations.reserve(maxWait).map(BucketOperations.Reservation::due);
            if (due.isPresent()) {
                sleepUntil(due.get().minus(lead));
            }
            return due;
        } finally {
            bucket.bookings.release();
        }
    }

    /**
     * Books each of the other buckets' next token as of {@code instant}, if it is due within one of its
     * periods of it, all {@linkplain BucketStore#together together}; when the last of them is due.
     */
    private Optional<Instant> bookOthers(List<BucketKey> keys, Instant instant) {
        if (keys.isEmpty()) {
            return Optional.of(instant);
        }
        List<BucketOperations> operations = keys.stream().map(key -> bucket(key).operations).toList();
        return buckets.together(() -> {
            Instant latest = instant;
            for (int i = 0; i < keys.size(); i++) {
                Optional<BucketOperations.Reservation> booked = operations.get(i).reserveAsOf(keys.get(i).refillPeriod(), instant);
                if (booked.isEmpty()) {
                    return Optional.empty();
                }
                latest = max(latest, booked.get().due());
            }
            return Optional.of(latest);
        });
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

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void sleepUntil(Instant instant) throws InterruptedException {
        Duration wait = Duration.between(clock.instant(), instant);
        if (!wait.isNegative() && !wait.isZero()) {
            sleeper.sleep(wait);
        }
    }
}
