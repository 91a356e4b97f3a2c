package sa.navaia.dialer.eligibility;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import sa.navaia.dialer.window.CallingWindow;
import sa.navaia.dialer.window.RegionWindows;

/**
 * A campaign's dialing rules.
 *
 * @param allowedRegions regions the campaign calls (ISO 3166-1, e.g. {@code US}); empty means every region
 */
public record CampaignRules(boolean requiresConsent, int maxAttempts, Duration minGapBetweenAttempts,
                            CallingWindow callingWindow, RegionWindows regionWindows, Set<String> allowedRegions) {

    public CampaignRules {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1; got " + maxAttempts + ".");
        }
        Objects.requireNonNull(minGapBetweenAttempts, "minGapBetweenAttempts");
        if (minGapBetweenAttempts.isNegative()) {
            throw new IllegalArgumentException("minGapBetweenAttempts may not be negative; got " + minGapBetweenAttempts + ".");
        }
        Objects.requireNonNull(callingWindow, "callingWindow");
        Objects.requireNonNull(regionWindows, "regionWindows");
        allowedRegions = Set.copyOf(allowedRegions);
    }
}
