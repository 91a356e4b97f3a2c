package sa.navaia.dialer.eligibility;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import sa.navaia.dialer.campaign.CampaignStatus;

/**
 * What the dial job knows about a contact at dial time, read fresh from the database.
 *
 * @param zones        the recipient's zones (the list's, else the number's); empty when unknown
 * @param regionCode   ISO 3166-1 region of the number, e.g. {@code US}
 * @param subdivision  ISO 3166-2 subdivision when known, e.g. {@code US-FL} ({@code PhoneNumbers.subdivisionOf})
 * @param numberValid  whether the stored number still parses as dialable under the current rules
 */
public record DialCandidate(long contactId, String phoneE164, List<ZoneId> zones, String regionCode,
                            Optional<String> subdivision, boolean consent, int attemptsMade,
                            Optional<Instant> lastAttemptAt, boolean onSystemDnc, boolean onCampaignDnc,
                            CampaignStatus campaignStatus, boolean numberValid) {

    public DialCandidate {
        Objects.requireNonNull(phoneE164, "phoneE164");
        zones = List.copyOf(zones);
        Objects.requireNonNull(subdivision, "subdivision");
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
        Objects.requireNonNull(campaignStatus, "campaignStatus");
        if (attemptsMade < 0) {
            throw new IllegalArgumentException("attemptsMade must be zero or more; got " + attemptsMade + ".");
        }
    }
}
