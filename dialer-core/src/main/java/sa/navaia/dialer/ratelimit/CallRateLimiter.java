package sa.navaia.dialer.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Paces outbound calls: a call may be placed only with a token from each of three buckets, one per
 * caller-ID number, one per campaign and one for the whole account.
 *
 * <p>Use {@link JdbcCallRateLimiter} whenever more than one process may dial for the same account (the
 * buckets live in the shared database, table {@code rate_limit_buckets}); {@link LocalCallRateLimiter}
 * only when a single process dials and there is no shared database (the sandbox, a one-off CLI run,
 * unit tests of the dial job).
 *
 * <p>Guarantee: each bucket's tokens are booked at least {@code 1/rate} seconds apart on the limiter's
 * clock, and a call is granted no earlier than its binding token is due, so no
 * half-open one-second window holds more than {@code rate} tokens of a bucket. Every bucket runs at
 * {@link RateLimits#HEADROOM} of its configured rate, which leaves 5 ms in every second for grants and
 * requests that come a little after their tokens. One process keeps its grants one configured period
 * apart, so its grants never exceed the configured rate. Across processes, a call whose tokens came back
 * more than those 5 ms late, or whose thread woke late for its grant (a slow booking, a busy CPU), gives them up and takes the next ones (a
 * process gives up at most one token in 16), so one process running behind now and then does not add a
 * call to the seconds of another that is on time; one that always runs late, or a thread held up between
 * its grant and its request, still can. A
 * caller-ID or account bucket shared by campaigns of different rates is booked as of the instants their
 * calls are due, which can come out of order by as much as a booking's length: such a bucket's grants can
 * come that much early.
 * Tokens are never banked beyond one, so there is no burst after an idle period either.
 */
public interface CallRateLimiter {

    /**
     * Blocks until a call from {@code callerId} for the campaign may be placed, and returns the instant
     * of the grant. Place the call at once: the token is spent.
     *
     * @param callerId    the caller-ID number in E.164 form ({@code From})
     * @param campaignCps the campaign's own calls per second (positive)
     */
    Instant acquire(String callerId, long campaignId, double campaignCps) throws InterruptedException;

    /**
     * Like {@link #acquire(String, long, double)}, for a caller that must answer within a time (an API
     * request): empty when the call's tokens cannot be had within {@code maxWait}. No token due after
     * {@code maxWait} is booked, so giving up takes nothing from the calls behind.
     */
    Optional<Instant> acquire(String callerId, long campaignId, double campaignCps, Duration maxWait) throws InterruptedException;

    /**
     * Tries each bucket once, in order, without waiting: granted if each had a token now, else which
     * bucket refused and when it refills. The tokens taken before a refusal are spent (see {@link TokenGate}).
     */
    Attempt tryAcquire(String callerId, long campaignId, double campaignCps);

    /** Tokens this process gave up unused since it started because they came back late (see {@link TokenGate}). */
    default long tokensGivenUp() {
        return 0;
    }

    /** The result of {@link #tryAcquire}. */
    sealed interface Attempt {
    }

    record Granted(Instant at) implements Attempt {
    }

    /** No token was taken; the bucket named by {@code bucket} refills in {@code delay}. */
    record Wait(Duration delay, String bucket) implements Attempt {
    }
}
