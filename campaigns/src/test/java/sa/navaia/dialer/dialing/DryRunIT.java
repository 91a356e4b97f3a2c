package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.state.CallCounts;

/**
 * The dry run hands each plan over as its page is read, never the list at once: memory holds one page of 500 whatever
 * the list's size (ops/bench/streaming.sh runs it on 1,000,000 contacts under -Xmx256m).
 */
class DryRunIT {

    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void handsOverEachPageBeforeReadingTheNext(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            Campaign created = campaigns.create(Campaign.draft("night", "support", "+19383362295", "US", NOW)
                    .withDialing(Set.of("US"), ZoneOffset.UTC, LocalTime.of(8, 0), LocalTime.of(21, 0),
                            EnumSet.allOf(DayOfWeek.class), Optional.empty(), false, 3, List.of(Duration.ofMinutes(60)),
                            Duration.ofMinutes(60), "Enable", 5, 10));
            campaigns.changeStatus(created.id(), CampaignStatus.DRAFT, CampaignStatus.ACTIVE);
            Campaign campaign = campaigns.findById(created.id()).orElseThrow();
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            for (int i = 0; i < 1_200; i++) {
                jdbc.sql("""
                        INSERT INTO contacts (campaign_id, phone_e164, time_zones, consent, status, created_at, updated_at)
                        VALUES (:campaign, :phone, 'America/New_York', TRUE, 'pending', :now, :now)""")
                        .param("campaign", campaign.id()).param("phone", "+1212" + (2_000_000 + i))
                        .param("now", SqlTime.utc(NOW)).update();
            }
            DryRun dryRun = new DryRun(new DialingContactRepository(db.dataSource(), clock),
                    new DialDecider(new PhoneNumbers(), new CallCounts(db.dataSource()), Optional.empty(), clock), clock);

            List<DialPlan> seen = new ArrayList<>();
            dryRun.forEach(campaign, plan -> {
                if (seen.isEmpty()) {
                    // Contacts gone by the time the first plan is handed over: a dry run that read the whole list first
                    // would still show them.
                    jdbc.sql("DELETE FROM contacts WHERE campaign_id = :campaign AND id > :first")
                            .param("campaign", campaign.id()).param("first", plan.contact().id() + 600).update();
                }
                seen.add(plan);
            });

            assertThat(seen).as("the first page of 500, then the next page as read after the deletion").hasSize(601);
            assertThat(seen).allSatisfy(plan -> assertThat(plan.decision().reasonCode().code())
                    .as("03:00 in New York").isEqualTo("outside_calling_window"));
        }
    }
}
