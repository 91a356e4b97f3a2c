package sa.navaia.dialer.eligibility;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.state.CallCounts;

/**
 * What the dial job knows about a contact at dial time, read fresh from the database.
 *
 * @param zones        the recipient's zones (the list's, else the number's); empty when unknown
 * @param regionCode   ISO 3166-1 region of the number, e.g. {@code US}
 * @param subdivision  ISO 3166-2 subdivision when known, e.g. {@code US-FL} ({@code PhoneNumbers.subdivisionOf})
 * @param numberValid  whether the stored number still parses as dialable under the current rules
 * @param recentCalls  calls to the number in the last 24 hours across the account (counted when its state caps them)
 */
public record DialCandidate(long contactId, String phoneE164, List<ZoneId> zones, String regionCode,
                            Optional<String> subdivision, boolean consent, int attemptsMade,
                            Optional<Instant> lastAttemptAt, boolean onSystemDnc, boolean onCampaignDnc,
                            CampaignStatus campaignStatus, boolean numberValid, CallCounts.Recent recentCalls,
                            RegistryStatus registry) {

    public DialCandidate(long contactId, String phoneE164, List<ZoneId> zones, String regionCode,
                         Optional<String> subdivision, boolean consent, int attemptsMade,
                         Optional<Instant> lastAttemptAt, boolean onSystemDnc, boolean onCampaignDnc,
                         CampaignStatus campaignStatus, boolean numberValid, CallCounts.Recent recentCalls) {
        this(contactId, phoneE164, zones, regionCode, subdivision, consent, attemptsMade, lastAttemptAt, onSystemDnc,
                onCampaignDnc, campaignStatus, numberValid, recentCalls, RegistryStatus.NOT_APPLICABLE);
    }

    /** A candidate whose recent calls are not counted (its state has no cap). */
    public DialCandidate(long contactId, String phoneE164, List<ZoneId> zones, String regionCode,
                         Optional<String> subdivision, boolean consent, int attemptsMade,
                         Optional<Instant> lastAttemptAt, boolean onSystemDnc, boolean onCampaignDnc,
                         CampaignStatus campaignStatus, boolean numberValid) {
        this(contactId, phoneE164, zones, regionCode, subdivision, consent, attemptsMade, lastAttemptAt, onSystemDnc,
                onCampaignDnc, campaignStatus, numberValid, CallCounts.Recent.NONE);
    }

    public DialCandidate {
        Objects.requireNonNull(phoneE164, "phoneE164");
        zones = List.copyOf(zones);
        Objects.requireNonNull(subdivision, "subdivision");
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
        Objects.requireNonNull(campaignStatus, "campaignStatus");
        Objects.requireNonNull(recentCalls, "recentCalls");
        Objects.requireNonNull(registry, "registry");
        if (attemptsMade < 0) {
            throw new IllegalArgumentException("attemptsMade must be zero or more; got " + attemptsMade + ".");
        }
    }
}
