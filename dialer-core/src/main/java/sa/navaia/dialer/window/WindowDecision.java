package sa.navaia.dialer.window;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the recipient may be called now, with the zone and local time that decided it (the first zone
 * when allowed, the offending zone when refused; both empty when no zone is known).
 */
public record WindowDecision(Verdict verdict, Optional<ZoneId> zone, Optional<LocalDateTime> localTime, String detail) {

    public enum Verdict { ALLOWED, OUTSIDE_CALLING_WINDOW, DAY_NOT_ALLOWED, UNKNOWN_TIME_ZONE }

    public WindowDecision {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(localTime, "localTime");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean allowed() {
        return verdict == Verdict.ALLOWED;
    }
}
