package sa.navaia.dialer.eligibility;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * The dial-time decision, as recorded in {@code call_attempts}: dial or skip, the stable reason, a
 * sentence for people, the zone and local time the window check used, and for a skip that time will
 * cure ({@link ReasonCode#TOO_SOON_SINCE_LAST_ATTEMPT}, window reasons) the earliest instant worth
 * trying again. A state rule names its state ({@code rule} {@code OK}), so the stored code names the rule:
 * {@code state_frequency_cap_OK}.
 */
public record Decision(Action action, ReasonCode reasonCode, String detail, Optional<ZoneId> zone,
                       Optional<LocalDateTime> recipientLocalTime, Optional<Instant> notBefore, Optional<String> rule,
                       Optional<LocalDate> registryDate) {

    public Decision(Action action, ReasonCode reasonCode, String detail, Optional<ZoneId> zone,
                    Optional<LocalDateTime> recipientLocalTime, Optional<Instant> notBefore) {
        this(action, reasonCode, detail, zone, recipientLocalTime, notBefore, Optional.empty(), Optional.empty());
    }

    public Decision(Action action, ReasonCode reasonCode, String detail, Optional<ZoneId> zone,
                    Optional<LocalDateTime> recipientLocalTime, Optional<Instant> notBefore, Optional<String> rule) {
        this(action, reasonCode, detail, zone, recipientLocalTime, notBefore, rule, Optional.empty());
    }

    /** The same decision, recording the registry snapshot date the number was checked against. */
    public Decision withRegistryDate(Optional<LocalDate> date) {
        return new Decision(action, reasonCode, detail, zone, recipientLocalTime, notBefore, rule, date);
    }

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
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(registryDate, "registryDate");
        if ((action == Action.DIAL) != (reasonCode == ReasonCode.ELIGIBLE)) {
            throw new IllegalArgumentException("A decision dials exactly when its reason is ELIGIBLE; got " + action + " with " + reasonCode + ".");
        }
    }

    /** The code stored and reported: the reason's, with the rule that decided it when one did. */
    public String code() {
        return reasonCode.code() + rule.map(r -> "_" + r).orElse("");
    }

    public boolean dial() {
        return action == Action.DIAL;
    }

    static Decision skip(ReasonCode reason, String detail) {
        return new Decision(Action.SKIP, reason, detail, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
