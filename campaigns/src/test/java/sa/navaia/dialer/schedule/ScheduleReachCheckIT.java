package sa.navaia.dialer.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.window.WindowPreview;

class ScheduleReachCheckIT {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Duration HORIZON = Duration.ofHours(1);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void flagsAScheduleWhoseRunsStartOutsideTheContactsWindows(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            Campaign campaign = campaigns.create(Campaign.draft("nightly", "support", "+19383362295", "US", NOW)
                    .withDialing(Set.of("US", "JP"), ZoneOffset.UTC, LocalTime.of(8, 0), LocalTime.of(21, 0),
                            EnumSet.allOf(DayOfWeek.class), Optional.empty(), false, 3, List.of(Duration.ofMinutes(60)),
                            Duration.ofMinutes(60), "Enable", 5, 10));
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            for (int i = 0; i < 3; i++) {
                contact(jdbc, campaign, "+1212555010" + i, "America/New_York");
            }
            WindowPreview preview = new WindowPreview(db.dataSource(), clock);

            assertThat(ScheduleReachCheck.warning(preview, campaign, "0 0 3 * * ?", HORIZON, NOW))
                    .as("03:00 UTC is 22:00 in New York, and the run's hour after it is still outside 08:00-21:00")
                    .hasValueSatisfying(warning -> assertThat(warning)
                            .contains("starts every run of the next 14 days while all 3 contacts still to call are outside"
                                    + " their calling window (08:00-21:00 in each recipient's zone)")
                            .contains("record 3 skips"));
            assertThat(ScheduleReachCheck.warning(preview, campaign, "0 30 12 * * ?", HORIZON, NOW))
                    .as("07:30 in New York: the window opens within the run's hour").isEmpty();
            assertThat(ScheduleReachCheck.warning(preview, campaign, "0 0 15 ? * MON-FRI", HORIZON, NOW)).isEmpty();

            contact(jdbc, campaign, "+81312345678", "Asia/Tokyo");
            assertThat(ScheduleReachCheck.warning(preview, campaign, "0 0 3 * * ?", HORIZON, NOW))
                    .as("03:00 UTC is noon in Tokyo: only the New York contacts are out of reach")
                    .hasValueSatisfying(warning -> assertThat(warning).startsWith(
                            "Warning: 3 of the 4 contacts still to call are outside their calling window"));
        }
    }

    private static void contact(JdbcClient jdbc, Campaign campaign, String phone, String zone) {
        jdbc.sql("""
                INSERT INTO contacts (campaign_id, phone_e164, time_zones, consent, status, created_at, updated_at)
                VALUES (:campaign, :phone, :zone, TRUE, 'pending', :now, :now)""")
                .param("campaign", campaign.id()).param("phone", phone).param("zone", zone)
                .param("now", SqlTime.utc(NOW)).update();
    }
}
