package sa.navaia.dialer.eligibility;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * The dial-time decision, as recorded in {@code call_attempts}: dial or skip, the stable reason, a
 * sentence for people, the zone and local time the window check used, and for a skip that time will
 * cure ({@link ReasonCode#TOO_SOON_SINCE_LAST_ATTEMPT}, window reasons) the earliest instant worth
 * trying again.
 */
public record Decision(Action action, ReasonCode reasonCode, String detail, Optional<ZoneId> zone,
                       Optional<LocalDateTime> recipientLocalTime, Optional<Instant> notBefore) {

    public enum Action {
        DIAL, SKIP;

        public String code() {
            return this == DIAL ? "dial" : "skip";
        }
    }

    public Decision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(recipientLocalTime, "recipientLocalTime");
        Objects.requireNonNull(notBefore, "notBefore");
        if ((action == Action.DIAL) != (reasonCode == ReasonCode.ELIGIBLE)) {
            throw new IllegalArgumentException("A decision dials exactly when its reason is ELIGIBLE; got " + action + " with " + reasonCode + ".");
        }
    }

    public boolean dial() {
        return action == Action.DIAL;
    }

    static Decision skip(ReasonCode reason, String detail) {
        return new Decision(Action.SKIP, reason, detail, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
