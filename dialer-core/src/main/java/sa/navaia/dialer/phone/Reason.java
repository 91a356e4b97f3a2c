package sa.navaia.dialer.phone;

import java.util.Locale;

/** Why a number is not dialed. {@link #code()} is stable: it is stored and shown in reports. */
public enum Reason {
    /** Empty, too short, too long, or not a number any country assigns. */
    INVALID_NUMBER,
    /** Letters or other text where digits were expected. */
    NOT_A_NUMBER,
    /** A valid number of a country the campaign does not call. */
    COUNTRY_NOT_ALLOWED,
    /** An emergency number (911, 112, 999, ...). */
    EMERGENCY_NUMBER,
    /** A short code (carrier services, SMS short codes), never a person. */
    SHORT_CODE,
    /** A premium-rate number (e.g. +1 900): the caller pays extra. */
    PREMIUM_RATE,
    /** A shared-cost number. */
    SHARED_COST,
    /** The time-zone column names no IANA zone. */
    INVALID_TIME_ZONE,
    /** Neither the list nor the number tells the recipient's time zone. */
    UNKNOWN_TIME_ZONE;

    /** The stable code used in reports and the database, e.g. {@code premium_rate}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
