package sa.navaia.dialer.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Takes one token from each of several buckets, or none. A token taken from an earlier bucket is
 * given back when a later one is empty, so a waiting call never holds tokens: with capacity one, a
 * token given back leaves the bucket exactly as if it had never been taken.
 *
 * <p>The buckets may be shared rows in the database, and each try is a locking transaction per bucket.
 * If every waiting thread tried whenever a bucket said it would refill, all of them would wake at once
 * and all but one would lose: dozens of locking transactions on one hot row for each call placed (the
 * benchmark saw the connection pool starve on exactly that). So {@link #take} first reserves a try slot
 * in this process's own schedule of the buckets (the instant by which every one of them can have
 * refilled after the grants this process has already scheduled) and sleeps until it. One process then
 * makes about one try per token; other processes on the same buckets make their own schedules, and the
 * database decides which try wins. The schedule only says when to try, never whether a call may go: the
 * buckets alone grant tokens.
 */
final class TokenGate {

    /** Buckets whose next slot is past are forgotten once this process knows this many (caller IDs, campaigns). */
    private static final int SCHEDULE_PRUNE_SIZE = 10_000;
    private static final int MAX_SHORT_WAITS = 3;

    private final Function<BucketKey, BucketOperations> buckets;
    private final Clock clock;
    private final Sleeper sleeper;
    /** What this process knows of each bucket it has used; pruned by {@link #reserveSlot}. */
    private final Map<BucketKey, LocalBucket> local = new ConcurrentHashMap<>();

    /**
     * One bucket as this process sees it: its operations (looked up once), its next try slot, and when this
     * process last took its token (the bucket cannot refill before one period after that, so a try before
     * then is not sent: it would only be refused, and a refusal costs a transaction and makes the token
     * late). Its monitor is held while this process tries the bucket, so threads try it one at a time:
     * Bucket4j reads the time before its transaction waits for the row lock, so a try queued behind another
     * on the row would judge the bucket by a time already past and fail; queued here, it reads the time when
     * its turn comes.
     */
    private static final class LocalBucket {
        final BucketOperations operations;
        /** Guarded by the gate's monitor. */
        Instant nextTry;
        volatile Instant lastTaken;

        LocalBucket(BucketOperations operations) {
            this.operations = operations;
        }
    }

    TokenGate(Function<BucketKey, BucketOperations> buckets, Clock clock, Sleeper sleeper) {
        this.buckets = buckets;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    CallRateLimiter.Attempt tryTake(List<BucketKey> keys) {
        List<BucketKey> taken = new ArrayList<>(keys.size());
        try {
            for (BucketKey key : keys) {
                ConsumptionProbe probe = tryOne(key).probe();
                if (!probe.isConsumed()) {
                    giveBack(taken);
                    return new CallRateLimiter.Wait(refillWait(probe), key.name());
                }
                taken.add(key);
            }
        } catch (RuntimeException e) {
            giveBack(taken);
            throw e;
        }
        return new CallRateLimiter.Granted(clock.instant());
    }

    Instant take(List<BucketKey> keys) throws InterruptedException {
        Instant notBefore = clock.instant();
        while (true) {
            sleepUntil(reserveSlot(keys, notBefore));
            Optional<Instant> refused = takeEach(keys);
            if (refused.isEmpty()) {
                return clock.instant();
            }
            // Another process took the token: the bucket says when it refills.
            notBefore = refused.get();
        }
    }

    /**
     * Takes a token from each bucket in turn. A bucket that refills within a quarter of its period (its
     * last grant came back a little late, or a little early here: transactions vary by milliseconds) is
     * waited for while holding the tokens already taken, a few times at most; going to the back of the
     * schedule for that would waste the slot. Otherwise the tokens taken are given back, and the answer
     * is when the refusing bucket refills.
     */
    private Optional<Instant> takeEach(List<BucketKey> keys) throws InterruptedException {
        List<BucketKey> taken = new ArrayList<>(keys.size());
        try {
            for (BucketKey key : keys) {
                Instant takenHere = bucket(key).lastTaken;
                if (takenHere != null) {
                    sleepUntil(takenHere.plus(key.refillPeriod()));
                }
                Try attempt = tryOne(key);
                for (int shortWaits = 0; !attempt.probe().isConsumed() && shortWaits < MAX_SHORT_WAITS
                        && refillWait(attempt.probe()).compareTo(key.refillPeriod().dividedBy(4)) <= 0; shortWaits++) {
                    sleepUntil(attempt.refill());
                    attempt = tryOne(key);
                }
                if (!attempt.probe().isConsumed()) {
                    giveBack(taken);
                    return Optional.of(attempt.refill());
                }
                taken.add(key);
            }
        } catch (RuntimeException | InterruptedException e) {
            giveBack(taken);
            throw e;
        }
        return Optional.empty();
    }

    /**
     * One try of one bucket, with the instant Bucket4j judged it by. A refusal's wait counts from that
     * instant, not from the end of the transaction: waiting from the end would add the transaction's
     * length to every token.
     */
    private record Try(Instant at, ConsumptionProbe probe) {
        Instant refill() {
            return at.plus(refillWait(probe));
        }
    }

    private Try tryOne(BucketKey key) {
        LocalBucket bucket = bucket(key);
        synchronized (bucket) {
            Instant at = clock.instant();
            ConsumptionProbe probe = bucket.operations.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                bucket.lastTaken = at;
            }
            return new Try(at, probe);
        }
    }

    private LocalBucket bucket(BucketKey key) {
        return local.computeIfAbsent(key, k -> new LocalBucket(buckets.apply(k)));
    }

    private void sleepUntil(Instant instant) throws InterruptedException {
        Duration wait = Duration.between(clock.instant(), instant);
        if (!wait.isNegative() && !wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    private static Duration refillWait(ConsumptionProbe probe) {
        return Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }

    /**
     * The first instant, not before {@code notBefore}, after the tries already scheduled here for each
     * bucket; each bucket's next slot moves one refill period past it.
     */
    private synchronized Instant reserveSlot(List<BucketKey> keys, Instant notBefore) {
        if (local.size() > SCHEDULE_PRUNE_SIZE) {
            Instant now = clock.instant();
            local.values().removeIf(bucket -> bucket.nextTry == null || bucket.nextTry.isBefore(now));
        }
        Instant slot = notBefore;
        for (BucketKey key : keys) {
            Instant next = bucket(key).nextTry;
            if (next != null && next.isAfter(slot)) {
                slot = next;
            }
        }
        for (BucketKey key : keys) {
            bucket(key).nextTry = slot.plus(key.refillPeriod());
        }
        return slot;
    }

    /** Best effort: a token that cannot be given back only slows calls down, it never speeds them up. */
    private void giveBack(List<BucketKey> taken) {
        for (BucketKey key : taken) {
            LocalBucket bucket = bucket(key);
            try {
                synchronized (bucket) {
                    bucket.operations.addTokens(1);
                }
            } catch (RuntimeException ignored) {
                // the bucket refills on its own within one period
            }
        }
    }
}
