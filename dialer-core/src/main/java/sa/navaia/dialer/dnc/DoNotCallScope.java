package sa.navaia.dialer.dnc;

import java.util.Optional;

/** Which do-not-call list a number is on: the system-wide one, or one campaign's own. */
public record DoNotCallScope(String code) {

    public static final DoNotCallScope SYSTEM = new DoNotCallScope("system");
    private static final String CAMPAIGN_PREFIX = "campaign:";

    public static DoNotCallScope campaign(long campaignId) {
        return new DoNotCallScope(CAMPAIGN_PREFIX + campaignId);
    }

    public boolean isSystem() {
        return this.equals(SYSTEM);
    }

    /** The campaign whose own list this is; empty for the system list. */
    public Optional<Long> campaignId() {
        return code.startsWith(CAMPAIGN_PREFIX) ? Optional.of(Long.parseLong(code.substring(CAMPAIGN_PREFIX.length())))
                : Optional.empty();
    }
}
