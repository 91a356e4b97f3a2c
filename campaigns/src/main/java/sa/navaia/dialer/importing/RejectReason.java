package sa.navaia.dialer.importing;

/**
 * Why a row of a list was not imported as a dialable contact, beside the phone rules' own reasons
 * ({@link sa.navaia.dialer.phone.Reason}: INVALID_NUMBER, NOT_A_NUMBER, COUNTRY_NOT_ALLOWED,
 * EMERGENCY_NUMBER, SHORT_CODE, PREMIUM_RATE, SHARED_COST, INVALID_TIME_ZONE, UNKNOWN_TIME_ZONE). The
 * names are the stable codes stored in {@code import_rejects.reason_code} and shown in reports.
 */
enum RejectReason {
    /** A quoted field that never closes: the record cannot be parsed. */
    UNREADABLE_ROW,
    /** More or fewer fields than the header names. */
    WRONG_COLUMN_COUNT,
    /** Bytes that are not UTF-8 (e.g. a Latin-1 "é"). */
    INVALID_ENCODING,
    /** A value longer than its column holds. */
    FIELD_TOO_LONG,
    /**
     * A consent or consent_at value that is not yes/no or an ISO date, a consent basis that is not one, or a basis
     * without its provenance (source, time, text or version, how captured).
     */
    INVALID_CONSENT,
    /** A state column value that names no US state, for a US number. */
    INVALID_STATE,
    /** The campaign requires consent and the row does not give it. */
    NO_CONSENT,
    /** The number appears on an earlier line of the same file; the first is kept. */
    DUPLICATE_IN_FILE,
    /** The campaign has the number already (from an earlier list). */
    DUPLICATE_IN_CAMPAIGN;

    static boolean isDuplicate(String code) {
        return DUPLICATE_IN_FILE.name().equals(code) || DUPLICATE_IN_CAMPAIGN.name().equals(code);
    }
}
