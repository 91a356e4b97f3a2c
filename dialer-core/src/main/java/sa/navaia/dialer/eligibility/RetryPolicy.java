package sa.navaia.dialer.eligibility;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happens after an attempt: retried after the campaign's backoff while attempts remain, or final.
 * The n-th attempt (1-based) is followed by {@code backoff[n-1]}; past the end of the list the last value
 * repeats.
 */
public record RetryPolicy(int maxAttempts, List<Duration> backoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1; got " + maxAttempts + ".");
        }
        backoff = List.copyOf(backoff);
        if (backoff.isEmpty()) {
            throw new IllegalArgumentException("The backoff needs at least one delay, e.g. 30m.");
        }
        if (backoff.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("Every backoff delay must be positive; got " + backoff + ".");
        }
    }

    /** The result of {@link #after}. */
    public sealed interface Next {
        String detail();
    }

    /** Call again, not before {@code at}, as attempt number {@code attempt}. */
    public record Retry(Instant at, int attempt, String detail) implements Next {
    }

    /** Never call again for this campaign. */
    public record Final(AttemptOutcome outcome, String detail) implements Next {
    }

    /**
     * @param attemptsMade attempts made so far, including the one that just ended (at least 1)
     */
    public Next after(AttemptOutcome outcome, int attemptsMade, Instant now) {
        Objects.requireNonNull(outcome, "outcome");
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("attemptsMade counts the attempt that just ended, so it is at least 1; got " + attemptsMade + ".");
        }
        if (!outcome.retryable()) {
            return new Final(outcome, "The call ended " + outcome.code() + ", which is final.");
        }
        if (attemptsMade >= maxAttempts) {
            return new Final(outcome, "The call ended " + outcome.code() + " and all " + maxAttempts + " attempts are used.");
        }
        Duration delay = backoff.get(Math.min(attemptsMade, backoff.size()) - 1);
        return new Retry(now.plus(delay), attemptsMade + 1, "The call ended " + outcome.code() + "; attempt "
                + (attemptsMade + 1) + " of " + maxAttempts + " after " + delay + ".");
    }
}
