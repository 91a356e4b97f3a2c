package sa.navaia.dialer.eligibility;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A candidate against the National Do Not Call Registry: whether the check applies (a US number, and the registry is
 * required), the number's area code and the date of that area code's registry data it was checked against (none: the
 * area code was never imported), whether the number is listed, and whether a consent basis exempts it (express written
 * consent or an established business relationship).
 */
public record RegistryStatus(boolean applies, int areaCode, Optional<LocalDate> snapshotDate, boolean listed, boolean exempt) {

    public static final RegistryStatus NOT_APPLICABLE = new RegistryStatus(false, 0, Optional.empty(), false, false);

    /** How old an area code's data may be on the day of a call (16 CFR 310.4(b)(3)(iv)). */
    public static final int FRESH_DAYS = 31;

    public RegistryStatus {
        Objects.requireNonNull(snapshotDate, "snapshotDate");
    }

    /** A US number checked against its area code's data. */
    public static RegistryStatus checked(int areaCode, Optional<LocalDate> snapshotDate, boolean listed, boolean exempt) {
        return new RegistryStatus(true, areaCode, snapshotDate, listed, exempt);
    }

    /** True when the number's area code was never imported, or its data is older than 31 days on {@code today}. */
    public boolean stale(LocalDate today) {
        return snapshotDate.isEmpty() || snapshotDate.get().plusDays(FRESH_DAYS).isBefore(today);
    }
}
