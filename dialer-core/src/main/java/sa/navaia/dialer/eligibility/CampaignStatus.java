package sa.navaia.dialer.eligibility;

import java.util.Locale;

/** A campaign's status as stored in {@code campaigns.status}; only an active campaign dials. */
public enum CampaignStatus {
    DRAFT, ACTIVE, PAUSED, CANCELLED, COMPLETED;

    public static CampaignStatus of(String stored) {
        try {
            return valueOf(stored.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("\"" + stored + "\" is not a campaign status; expected one of draft, active, paused, cancelled, completed.", e);
        }
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
