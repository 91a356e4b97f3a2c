package sa.navaia.dialer.contact;

import java.util.Locale;

/** Where a contact stands in its campaign; {@link #code()} is what {@code contacts.status} stores. */
public enum ContactStatus {
    /** Waiting for its first or next attempt. */
    PENDING,
    /** Waiting for a retry after busy, no-answer, failed or voicemail. */
    RETRY,
    /** An attempt is under way. */
    DIALING,
    /** Finished: no more attempts. */
    DONE,
    /** Never dialed: on a do-not-call list when it was imported. */
    SUPPRESSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContactStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
