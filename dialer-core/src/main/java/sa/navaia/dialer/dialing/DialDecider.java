package sa.navaia.dialer.dialing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.dnc.DoNotCallScope;
import sa.navaia.dialer.eligibility.CampaignRules;
import sa.navaia.dialer.eligibility.DialCandidate;
import sa.navaia.dialer.eligibility.Decision;
import sa.navaia.dialer.eligibility.EligibilityRules;
import sa.navaia.dialer.eligibility.RegistryStatus;
import sa.navaia.dialer.registry.RegistryCheck;
import sa.navaia.dialer.phone.ParseResult;
import sa.navaia.dialer.phone.PhoneNumber;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.state.CallCounts;
import sa.navaia.dialer.state.StateRules;
import sa.navaia.dialer.window.CallingWindow;
import sa.navaia.dialer.window.RegionWindows;

/**
 * The dial-time decision for one due contact: the do-not-call lists as read with the contact, the number
 * parsed again under today's rules, the recipient's zones (the list's, else the number's), the recipient's state (the
 * list's, else the number's area code's: a person keeps their number when they move), then {@link EligibilityRules}.
 * The dry run and the dial job both decide here, so they agree on who is dialed and why not.
 */
public final class DialDecider {

    private final PhoneNumbers phoneNumbers;
    private final CallCounts callCounts;
    private final Optional<RegistryCheck> registry;
    private final Clock clock;

    /** @param registry the National Do Not Call Registry check, when it is required */
    public DialDecider(PhoneNumbers phoneNumbers, CallCounts callCounts, Optional<RegistryCheck> registry, Clock clock) {
        this.phoneNumbers = phoneNumbers;
        this.callCounts = callCounts;
        this.registry = registry;
        this.clock = clock;
    }

    public Decision decide(Campaign campaign, DueContact contact) {
        return EligibilityRules.decide(candidate(campaign, contact), rules(campaign), clock.instant());
    }

    public static CampaignRules rules(Campaign campaign) {
        return new CampaignRules(campaign.requiresConsent(), campaign.maxAttempts(), campaign.minGap(),
                new CallingWindow(campaign.windowStart(), campaign.windowEnd(), campaign.allowedDays()),
                campaign.regionWindows().map(RegionWindows::parse).orElse(RegionWindows.NONE),
                campaign.allowedCountries());
    }

    DialCandidate candidate(Campaign campaign, DueContact contact) {
        Optional<DoNotCallScope> listing = contact.doNotCall();
        boolean onSystem = listing.filter(DoNotCallScope.SYSTEM::equals).isPresent();
        boolean onCampaign = listing.isPresent() && !onSystem;
        ParseResult parsed = phoneNumbers.parse(contact.phoneE164(), campaign.defaultRegion(), Set.of());
        String region = "ZZ";
        List<java.time.ZoneId> zones = contact.listedZones();
        Optional<String> subdivision = Optional.empty();
        boolean valid = parsed instanceof ParseResult.Valid;
        if (parsed instanceof ParseResult.Valid valid1) {
            PhoneNumber number = valid1.number();
            region = number.regionCode();
            if (zones.isEmpty()) {
                zones = number.timeZones();
            }
            subdivision = phoneNumbers.subdivisionOf(number);
        }
        if (contact.usState().isPresent()) {
            subdivision = contact.usState().map(state -> "US-" + state);
        }
        boolean capped = StateRules.forSubdivision(subdivision).filter(rule -> rule.maxCallsPer24Hours().isPresent()).isPresent();
        CallCounts.Recent recent = capped
                ? callCounts.since(contact.phoneE164(), clock.instant().minus(Duration.ofHours(24))) : CallCounts.Recent.NONE;
        return new DialCandidate(contact.id(), contact.phoneE164(), zones, region, subdivision, contact.consent(),
                contact.attemptsMade(), contact.lastAttemptAt(), onSystem, onCampaign,
                campaign.status(), valid, recent,
                valid && "US".equals(region) ? registry.map(check -> check.of(contact.phoneE164())).orElse(RegistryStatus.NOT_APPLICABLE)
                        : RegistryStatus.NOT_APPLICABLE);
    }
}
