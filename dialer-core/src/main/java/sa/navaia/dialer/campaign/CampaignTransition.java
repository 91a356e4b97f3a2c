package sa.navaia.dialer.campaign;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a person may do to a campaign's status, from the command line, the console or the API: each move with
 * the statuses it starts from. A move the campaign's status does not allow is refused with a sentence.
 */
public enum CampaignTransition {
    START(Set.of(CampaignStatus.DRAFT, CampaignStatus.PAUSED), CampaignStatus.ACTIVE),
    PAUSE(Set.of(CampaignStatus.ACTIVE), CampaignStatus.PAUSED),
    RESUME(Set.of(CampaignStatus.PAUSED), CampaignStatus.ACTIVE),
    CANCEL(Set.of(CampaignStatus.DRAFT, CampaignStatus.ACTIVE, CampaignStatus.PAUSED), CampaignStatus.CANCELLED);

    private final Set<CampaignStatus> from;
    private final CampaignStatus to;

    CampaignTransition(Set<CampaignStatus> from, CampaignStatus to) {
        this.from = from;
        this.to = to;
    }

    public CampaignStatus to() {
        return to;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Moves the campaign, unless its status (as stored now: a concurrent change wins) does not allow it.
     *
     * @throws IllegalStateException with a sentence saying which statuses allow it
     */
    public void apply(CampaignRepository campaigns, Campaign campaign) {
        if (!from.contains(campaign.status()) || !campaigns.changeStatus(campaign.id(), campaign.status(), to)) {
            throw new IllegalStateException("Campaign " + campaign.name() + " is " + campaign.status().code() + "; only a "
                    + from.stream().map(CampaignStatus::code).sorted().collect(Collectors.joining(" or "))
                    + " campaign can " + code() + ".");
        }
    }
}
