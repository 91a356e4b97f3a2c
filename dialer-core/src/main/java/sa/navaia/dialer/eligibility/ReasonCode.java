package sa.navaia.dialer.eligibility;

import java.util.Locale;

/**
 * Why a contact was dialed or skipped. {@link #code()} is stored in {@code call_attempts.reason_code} and
 * shown in the compliance report: never rename a constant. Declared in the order {@link EligibilityRules}
 * checks them (most permanent first).
 */
public enum ReasonCode {
    DO_NOT_CALL_SYSTEM,
    DO_NOT_CALL_CAMPAIGN,
    /** On the National Do Not Call Registry, with no consent basis that exempts it. */
    NATIONAL_DO_NOT_CALL,
    INVALID_NUMBER,
    COUNTRY_NOT_ALLOWED,
    NO_CONSENT,
    ATTEMPTS_EXHAUSTED,
    /** A US number, and the last registry import is older than 31 days (or there is none): it cannot be checked. */
    REGISTRY_STALE,
    UNKNOWN_TIME_ZONE,
    CAMPAIGN_NOT_ACTIVE,
    TOO_SOON_SINCE_LAST_ATTEMPT,
    /** The recipient's state caps calls per 24 hours and the number has had them ({@code state_frequency_cap_OK}). */
    STATE_FREQUENCY_CAP,
    DAY_NOT_ALLOWED,
    OUTSIDE_CALLING_WINDOW,
    /** The campaign's window allows the call, the recipient's state's hours or days do not ({@code state_calling_hours_OK}). */
    STATE_CALLING_HOURS,
    /** The recipient's state allows no calls on its holidays, and it is one on the recipient's local date ({@code state_holiday_AL}). */
    STATE_HOLIDAY,
    ELIGIBLE;

    /** The stable code, e.g. {@code do_not_call_system}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for reasons that will not change by waiting: the contact should not be scheduled again. */
    public boolean isPermanent() {
        return ordinal() <= ATTEMPTS_EXHAUSTED.ordinal();
    }
}
