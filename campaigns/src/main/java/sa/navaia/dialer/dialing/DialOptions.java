package sa.navaia.dialer.dialing;

import java.time.Duration;

/** The dial job's timing; see {@link DialingConfiguration} for each value's meaning and default. */
public record DialOptions(Duration resolveGrace, Duration staleAfter, Duration horizon, Duration liveCallWait) {

    /** A run is taken as crashed only after missing this many heartbeats in a row. */
    static final int MISSED_BEATS = 3;

    public DialOptions {
        Duration least = RunHeartbeats.EVERY.multipliedBy(MISSED_BEATS);
        if (staleAfter.compareTo(least) < 0) {
            throw new IllegalArgumentException("dialer.dial.stale-after is " + staleAfter + "; it must be at least " + least
                    + " (" + MISSED_BEATS + " heartbeats of " + RunHeartbeats.EVERY + "), or a live run could be taken over.");
        }
        if (resolveGrace.isNegative()) {
            throw new IllegalArgumentException("dialer.dial.resolve-grace is " + resolveGrace + "; it must be zero or more.");
        }
    }
}
