package sa.navaia.dialer.dialing;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import sa.navaia.dialer.dnc.DoNotCallScope;

/**
 * A contact as the dial job reads it: what the dial-time decision and the claim need, read fresh, with
 * the do-not-call list its number was on when read ({@code doNotCall}; the system list if on both), and the
 * recipient's US state when the list gave one ({@code usState}, e.g. {@code FL}).
 */
public record DueContact(long id, long campaignId, String phoneE164, Optional<String> customerId,
                         Optional<String> timeZones, boolean consent, String status, int attemptsMade,
                         Optional<Instant> nextAttemptAt, Optional<Instant> lastAttemptAt,
                         Optional<DoNotCallScope> doNotCall, Optional<String> usState) {

    /** The zones the list gave ({@code time_zones}, comma-separated IANA names); empty when none or unreadable. */
    public List<ZoneId> listedZones() {
        return timeZones.map(text -> Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(DueContact::zoneOrNull).toList()).orElse(List.of())
                .stream().filter(java.util.Objects::nonNull).toList();
    }

    private static ZoneId zoneOrNull(String id) {
        try {
            return ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
