package sa.navaia.dialer.eligibility;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A candidate against the National Do Not Call Registry: whether the check applies (a US number, and the registry is
 * required), the snapshot date it was checked against, whether the number is listed, and whether a consent basis
 * exempts it (express written consent or an established business relationship).
 */
public record RegistryStatus(boolean applies, Optional<LocalDate> snapshotDate, boolean listed, boolean exempt) {

    public static final RegistryStatus NOT_APPLICABLE = new RegistryStatus(false, Optional.empty(), false, false);

    /** How old a snapshot may be on the day of a call (16 CFR 310.4(b)(3)(iv)). */
    public static final int FRESH_DAYS = 31;

    public RegistryStatus {
        Objects.requireNonNull(snapshotDate, "snapshotDate");
    }

    /** True when no snapshot was ever imported, or the last is older than 31 days on {@code today}. */
    public boolean stale(LocalDate today) {
        return snapshotDate.isEmpty() || snapshotDate.get().plusDays(FRESH_DAYS).isBefore(today);
    }
}
