package sa.navaia.dialer.eligibility;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happens after an attempt: retried after the campaign's backoff while attempts remain, or final.
 * The n-th attempt (1-based) is followed by {@code backoff[n-1]}; past the end of the list the last value
 * repeats. An outcome with its own rule ({@link OutcomeRetry}) is retried by that rule instead, within
 * {@code maxAttempts} still: its own limit counts the attempts that ended that way, and its own delays follow them.
 */
public record RetryPolicy(int maxAttempts, List<Duration> backoff, Map<AttemptOutcome, OutcomeRetry> perOutcome) {

    public RetryPolicy(int maxAttempts, List<Duration> backoff) {
        this(maxAttempts, backoff, Map.of());
    }

    public RetryPolicy {
        perOutcome = Map.copyOf(perOutcome);
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
        return after(outcome, attemptsMade, attemptsMade, now);
    }

    /**
     * @param attemptsMade  attempts made so far, including the one that just ended (at least 1)
     * @param endedThisWay  of those, how many ended with {@code outcome}, the one that just ended included
     */
    public Next after(AttemptOutcome outcome, int attemptsMade, int endedThisWay, Instant now) {
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
        OutcomeRetry own = perOutcome.get(outcome);
        if (own != null) {
            if (endedThisWay >= own.attempts()) {
                return new Final(outcome, "The call ended " + outcome.code() + " for the " + ordinal(endedThisWay)
                        + " time, and the campaign retries " + outcome.code() + " " + own.attempts() + " time(s) at most.");
            }
            Duration delay = own.delayAfter(endedThisWay);
            return new Retry(now.plus(delay), attemptsMade + 1, "The call ended " + outcome.code() + " (" + endedThisWay
                    + " of " + own.attempts() + " for this outcome); attempt " + (attemptsMade + 1) + " of " + maxAttempts
                    + " after " + delay + ".");
        }
        Duration delay = backoff.get(Math.min(attemptsMade, backoff.size()) - 1);
        return new Retry(now.plus(delay), attemptsMade + 1, "The call ended " + outcome.code() + "; attempt "
                + (attemptsMade + 1) + " of " + maxAttempts + " after " + delay + ".");
    }

    private static String ordinal(int n) {
        return n + (n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        });
    }
}
