package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.sandbox.LedgerEntry;

/** Pause stops calls at once: nothing reaches the carrier more than 1 s after the pause commits, in any worker. */
class PauseIT {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void noCallLeavesAnyWorkerASecondAfterThePauseAndTheRestStayDueForTheResume(TestDatabase kind) throws Exception {
        try (DialHarness harness = new DialHarness(kind, 20)) {
            Campaign campaign = harness.activeCampaign("paused-midway", 20, 1000, 1);
            Set<String> numbers = new HashSet<>();
            for (int i = 0; i < 60; i++) {
                numbers.add(harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, true));
            }
            ConfigurableApplicationContext first = harness.worker(50);
            ConfigurableApplicationContext second = harness.worker(50);
            CampaignRepository campaigns = first.getBean(CampaignRepository.class);
            LocalDate today = first.getBean(DialRuns.class).today(campaign);

            CompletableFuture<DialRuns.Outcome> a = CompletableFuture.supplyAsync(
                    () -> first.getBean(DialRuns.class).launch(campaign.id(), today, "1"));
            CompletableFuture<DialRuns.Outcome> b = CompletableFuture.supplyAsync(
                    () -> second.getBean(DialRuns.class).launch(campaign.id(), today, "2"));
            await().atMost(Duration.ofSeconds(60)).until(() -> harness.ledger().size() >= 12);
            assertThat(campaigns.changeStatus(campaign.id(), CampaignStatus.ACTIVE, CampaignStatus.PAUSED)).isTrue();
            Instant pausedAt = Instant.now();

            assertThat(a.get().exitCode()).isEqualTo("STOPPED_CAMPAIGN_PAUSED");
            assertThat(b.get().exitCode()).isEqualTo("STOPPED_CAMPAIGN_PAUSED");
            List<LedgerEntry> ledger = harness.ledger();
            Instant lastCreated = ledger.stream().map(LedgerEntry::receivedAt).max(Instant::compareTo).orElseThrow();
            System.out.printf("%s: %d calls before the pause; the last reached the carrier %d ms after it committed%n",
                    kind, ledger.size(), Duration.between(pausedAt, lastCreated).toMillis());
            assertThat(lastCreated).isBefore(pausedAt.plusSeconds(1));
            assertThat(ledger.size()).isLessThan(60);
            assertThat(harness.jdbc.sql("SELECT COUNT(*) FROM contacts WHERE status NOT IN ('pending', 'retry')"
                            + " AND attempts_made = 0").query(Long.class).single())
                    .as("no contact is left claimed").isZero();
            long withheld = harness.jdbc.sql("""
                    SELECT COUNT(*) FROM call_attempts a JOIN contacts c ON c.id = a.contact_id
                     WHERE a.status = 'not_placed' AND a.error_code = 'campaign_paused'
                       AND c.status = 'retry' AND c.attempts_made = 0""").query(Long.class).single();
            System.out.printf("%s: %d attempts opened but not sent, returned to their contacts%n", kind, withheld);
            assertThat(harness.jdbc.sql("SELECT COUNT(*) FROM call_attempts WHERE status = 'not_placed'"
                    + " AND error_code <> 'campaign_paused'").query(Long.class).single()).isZero();

            assertThat(campaigns.changeStatus(campaign.id(), CampaignStatus.PAUSED, CampaignStatus.ACTIVE)).isTrue();
            assertThat(first.getBean(DialRuns.class).launch(campaign.id(), today, "1").exitCode()).isEqualTo("COMPLETED");

            assertThat(harness.ledger()).extracting(LedgerEntry::to).containsExactlyInAnyOrderElementsOf(numbers);
        }
    }
}
