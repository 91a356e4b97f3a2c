package sa.navaia.dialer.window;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.campaign.Campaign;

/**
 * How much of a campaign's list its calling window lets it call right now, for the console's campaign page:
 * the contacts still to call, how many of them are inside the window in every zone of theirs now, and when the
 * window next opens for the rest. Stricter state windows are applied by region only (the dial job also knows
 * each number's state), so the share is an upper bound.
 */
public final class WindowPreview {

    /** {@code callableNow} of {@code due} contacts may be called now; the earliest opening for the rest, if any. */
    public record Preview(long due, long callableNow, Optional<Instant> restOpensAt) {
        public int percentCallable() {
            return due == 0 ? 0 : (int) Math.round(100.0 * callableNow / due);
        }
    }

    private static final String DUE_BY_ZONES = """
            SELECT time_zones, region_code, COUNT(*) AS n FROM contacts
             WHERE campaign_id = :campaignId AND status IN ('pending', 'retry')
             GROUP BY time_zones, region_code""";

    private final JdbcClient jdbc;
    private final Clock clock;

    public WindowPreview(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    /**
     * Of {@code due} contacts still to call, {@code outsideEveryRun} are outside their calling window at every one of
     * a schedule's run starts and for the run's horizon after each: each such run would only record their skips.
     */
    public record ScheduleReach(long due, long outsideEveryRun) {
        public boolean reachesNobody() {
            return due > 0 && outsideEveryRun == due;
        }
    }

    public Preview preview(Campaign campaign) {
        CallingHours hours = hours(campaign);
        Instant now = clock.instant();
        long[] counts = new long[2];
        Instant[] earliest = new Instant[1];
        forEachZoneGroup(campaign, (zones, region, n) -> {
            counts[0] += n;
            if (hours.check(now, zones, region, Optional.empty()).allowed()) {
                counts[1] += n;
            } else if (!zones.isEmpty()) {
                hours.nextOpening(now, zones, region, Optional.empty())
                        .filter(at -> earliest[0] == null || at.isBefore(earliest[0])).ifPresent(at -> earliest[0] = at);
            }
        });
        return new Preview(counts[0], counts[1], Optional.ofNullable(earliest[0]));
    }

    /**
     * Whether runs starting at {@code runStarts} (a schedule's next fire times) can call the campaign's contacts: a
     * contact is reachable by a run when its window is open at the start or opens within {@code horizon} after it
     * (a run waits that long for contacts coming due). Contacts of unknown zone are never callable and not counted.
     */
    public ScheduleReach reach(Campaign campaign, List<Instant> runStarts, Duration horizon) {
        CallingHours hours = hours(campaign);
        long[] counts = new long[2];
        forEachZoneGroup(campaign, (zones, region, n) -> {
            if (zones.isEmpty()) {
                return;
            }
            counts[0] += n;
            boolean reachable = runStarts.stream().anyMatch(start -> hours.check(start, zones, region, Optional.empty()).allowed()
                    || hours.nextOpening(start, zones, region, Optional.empty()).filter(at -> !at.isAfter(start.plus(horizon))).isPresent());
            if (!reachable) {
                counts[1] += n;
            }
        });
        return new ScheduleReach(counts[0], counts[1]);
    }

    private static CallingHours hours(Campaign campaign) {
        return new CallingHours(new CallingWindow(campaign.windowStart(), campaign.windowEnd(), campaign.allowedDays()),
                campaign.regionWindows().map(RegionWindows::parse).orElse(RegionWindows.NONE));
    }

    private interface ZoneGroup {
        void accept(List<ZoneId> zones, String region, long contacts);
    }

    /** The campaign's contacts still to call, grouped by their zones and region (a few hundred groups for any list). */
    private void forEachZoneGroup(Campaign campaign, ZoneGroup each) {
        jdbc.sql(DUE_BY_ZONES).param("campaignId", campaign.id()).query(rs -> {
            String zonesText = rs.getString("time_zones");
            List<ZoneId> zones = zonesText == null || zonesText.isBlank() ? List.of()
                    : Arrays.stream(zonesText.split(",")).map(String::strip).map(ZoneId::of).toList();
            String region = rs.getString("region_code") == null ? campaign.defaultRegion() : rs.getString("region_code");
            each.accept(zones, region, rs.getLong("n"));
        });
    }
}
