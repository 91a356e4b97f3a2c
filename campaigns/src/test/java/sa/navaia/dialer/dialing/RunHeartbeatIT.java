package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.db.TestDatabase;

/** A run's liveness is its heartbeat: a run that beats is never taken over, however long it has run. */
class RunHeartbeatIT {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.class, names = "MARIADB")
    void aLiveRunIsNotTakenOverThoughItHasRunLongerThanTheStaleLimit(TestDatabase kind) throws Exception {
        try (DialHarness harness = new DialHarness(kind, 10)) {
            Campaign campaign = harness.activeCampaign("live", 20, 100);
            String phone = harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, true);
            String[] properties = {"dialer.dial.horizon=PT1M", "dialer.dial.stale-after=PT6S"};
            ConfigurableApplicationContext first = harness.worker(50, properties);
            ConfigurableApplicationContext second = harness.worker(50, properties);
            LocalDate today = first.getBean(DialRuns.class).today(campaign);
            // Due in 15 s: the run waits for it, writing nothing but its heartbeat meanwhile.
            harness.jdbc.sql("UPDATE contacts SET status = 'retry', next_attempt_at = :at")
                    .param("at", LocalDateTime.now(ZoneOffset.UTC).plusSeconds(15)).update();

            CompletableFuture<DialRuns.Outcome> running = CompletableFuture.supplyAsync(
                    () -> first.getBean(DialRuns.class).launch(campaign.id(), today, "1"));
            await().atMost(Duration.ofSeconds(20)).until(() -> harness.jdbc.sql(
                    "SELECT COUNT(*) FROM dial_run_heartbeats").query(Long.class).single() == 1);
            await().pollDelay(Duration.ofSeconds(7)).until(() -> true);

            DialRuns.Outcome meanwhile = second.getBean(DialRuns.class).launch(campaign.id(), today, "1");

            assertThat(meanwhile.kind()).isEqualTo(DialRuns.Outcome.Kind.ALREADY_RUNNING);
            DialRuns.Outcome outcome = running.get();
            assertThat(outcome.exitCode()).isEqualTo("COMPLETED");
            assertThat(harness.calledTimes(phone)).isEqualTo(1);
            assertThat(harness.jdbc.sql("SELECT COUNT(*) FROM dial_run_heartbeats").query(Long.class).single())
                    .as("an ended run deletes its heartbeat").isZero();
        }
    }
}
