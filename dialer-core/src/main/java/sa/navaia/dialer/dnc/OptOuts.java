package sa.navaia.dialer.dnc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import sa.navaia.dialer.campaign.CampaignPolicy;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;

/**
 * An opt-out said in a call: the number goes on the system list at once, and on the campaign's own list too when
 * the campaign's policy says {@code system+campaign}. A payload that matched no session still lists its number.
 */
public final class OptOuts {

    /** Who the entries of an opt-out said in a call name as having added them. */
    public static final String ADDED_BY = "post-call";
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final DoNotCallRepository doNotCall;
    private final CampaignPolicyRepository policies;

    public OptOuts(DoNotCallRepository doNotCall, CampaignPolicyRepository policies) {
        this.doNotCall = doNotCall;
        this.policies = policies;
    }

    /** The lists the number is now on because of this opt-out (empty when the number is not an E.164 number). */
    public List<DoNotCallScope> record(String phone, Optional<Long> campaignId, String sessionId, String reason) {
        return record(phone, campaignId, sessionId, reason, ADDED_BY);
    }

    /** As {@link #record(String, Optional, String, String)}, naming who took the opt-out (e.g. a key press). */
    public List<DoNotCallScope> record(String phone, Optional<Long> campaignId, String sessionId, String reason,
                                       String addedBy) {
        String number = phone == null ? "" : phone.replaceAll("[\\s().-]", "");
        if (!E164.matcher(number).matches()) {
            return List.of();
        }
        List<DoNotCallScope> scopes = new ArrayList<>();
        scopes.add(DoNotCallScope.SYSTEM);
        campaignId.filter(id -> policies.of(id).optOutScope() == CampaignPolicy.OptOutScope.SYSTEM_AND_CAMPAIGN)
                .ifPresent(id -> scopes.add(DoNotCallScope.campaign(id)));
        scopes.forEach(scope -> doNotCall.add(number, scope, "opt-out", reason, sessionId, addedBy));
        return scopes;
    }
}
