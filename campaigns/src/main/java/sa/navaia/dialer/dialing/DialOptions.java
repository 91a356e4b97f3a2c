package sa.navaia.dialer.dialing;

import java.time.Duration;

/** The dial job's timing; see {@link DialingConfiguration} for each value's meaning and default. */
public record DialOptions(Duration resolveGrace, Duration staleAfter, Duration horizon, Duration liveCallWait) {
}
