package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.report.CampaignProgress;
import sa.navaia.dialer.report.CampaignProgressRepository;

/** The console's skips by reason, from the counters the skip writer keeps, after two nights' runs, on H2 and MariaDB. */
class SkipCountsIT {

    /** More than a batch of the skip writer, so a run adds to its counters more than once. */
    private static final int OUTSIDE_WINDOW = SkipRecorder.BATCH + 20;
    private static final int WITHOUT_CONSENT = 3;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void theProgressShowsEverySkipOfBothNightsByReasonAsTheRecordHasThem(TestDatabase kind) {
        try (DialHarness harness = new DialHarness(kind, 5)) {
            Campaign campaign = harness.activeCampaign("two nights", 20, 100);
            Campaign other = harness.activeCampaign("another", 20, 100);
            for (int i = 0; i < OUTSIDE_WINDOW; i++) {
                harness.contact(campaign.id(), DialHarness.OUTSIDE_ZONE, true);
            }
            for (int i = 0; i < WITHOUT_CONSENT; i++) {
                harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, false);
            }
            harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, true);
            harness.contact(other.id(), DialHarness.OUTSIDE_ZONE, true);
            ConfigurableApplicationContext worker = harness.worker(50);
            DialRuns runs = worker.getBean(DialRuns.class);
            CampaignProgressRepository progress = worker.getBean(CampaignProgressRepository.class);
            LocalDate tonight = runs.today(campaign);

            assertThat(runs.launch(campaign.id(), tonight, "1").exitCode()).isEqualTo("COMPLETED");
            assertThat(runs.launch(other.id(), tonight, "1").exitCode()).isEqualTo("COMPLETED");
            assertThat(progress.progress(campaign.id()).skippedByReason())
                    .isEqualTo(Map.of("outside_calling_window", (long) OUTSIDE_WINDOW, "no_consent", (long) WITHOUT_CONSENT));
            // The next night: the contacts outside their window are due again (those without consent never are).
            harness.jdbc.sql("UPDATE contacts SET next_attempt_at = NULL WHERE campaign_id = :id AND status = 'pending'")
                    .param("id", campaign.id()).update();
            assertThat(runs.launch(campaign.id(), tonight.plusDays(1), "1").exitCode()).isEqualTo("COMPLETED");

            CampaignProgress shown = progress.progress(campaign.id());
            assertThat(shown.skippedByReason())
                    .isEqualTo(Map.of("outside_calling_window", 2L * OUTSIDE_WINDOW, "no_consent", (long) WITHOUT_CONSENT))
                    .isEqualTo(skipsInTheRecord(harness, campaign.id()));
            assertThat(shown.skipped()).isEqualTo(2L * OUTSIDE_WINDOW + WITHOUT_CONSENT);
            assertThat(shown.placed()).isEqualTo(1);
            assertThat(progress.progress(other.id()).skippedByReason()).isEqualTo(Map.of("outside_calling_window", 1L));
        }
    }

    private static Map<String, Long> skipsInTheRecord(DialHarness harness, long campaignId) {
        Map<String, Long> skips = new TreeMap<>();
        harness.jdbc.sql("""
                        SELECT reason_code, COUNT(*) AS n FROM call_attempts WHERE campaign_id = :id AND decision = 'skip'
                         GROUP BY reason_code""")
                .param("id", campaignId).query(rs -> {
                    skips.put(rs.getString("reason_code"), rs.getLong("n"));
                });
        return skips;
    }
}
