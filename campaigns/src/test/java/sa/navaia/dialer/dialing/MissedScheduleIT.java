package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.context.ConfigurableApplicationContext;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.schedule.Schedules;

/** A nightly run missed while no worker ran fires once when a worker is back (Quartz JDBC store). */
class MissedScheduleIT {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aFireTimeMissedWhileNoWorkerRanFiresOnceWhenAWorkerIsBack(TestDatabase kind) throws Exception {
        try (DialHarness harness = new DialHarness(kind, 10)) {
            Campaign campaign = harness.activeCampaign("missed", 20, 100);
            String inside = harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, true);
            String outside = harness.contact(campaign.id(), DialHarness.OUTSIDE_ZONE, true);
            ConfigurableApplicationContext worker = harness.worker(50);
            // Daily at the top of the last hour (UTC); stored as the store holds a trigger whose fire time came
            // and went while every worker was down: due an hour ago, never fired.
            Instant missed = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
            worker.getBean(Schedules.class).scheduleCron(DialCampaignJob.key(campaign.id()), DialCampaignJob.class,
                    "0 0 " + missed.atZone(ZoneOffset.UTC).getHour() + " * * ?", ZoneOffset.UTC,
                    Map.of("campaignId", campaign.id()));
            harness.jdbc.sql("UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = :next, START_TIME = :start WHERE TRIGGER_NAME = :name")
                    .param("next", missed.toEpochMilli()).param("start", missed.minus(1, ChronoUnit.HOURS).toEpochMilli())
                    .param("name", DialCampaignJob.key(campaign.id()).getName()).update();
            Scheduler scheduler = worker.getBean(Scheduler.class);

            try {
                scheduler.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> harness.jdbc.sql(
                        "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'").query(Long.class).single() == 1);
                Instant next = scheduler.getTrigger(TriggerKey.triggerKey(DialCampaignJob.key(campaign.id()).getName(),
                        DialCampaignJob.key(campaign.id()).getGroup())).getNextFireTime().toInstant();
                assertThat(next).as("then back on its schedule: tomorrow").isEqualTo(missed.plus(1, ChronoUnit.DAYS));
            } finally {
                scheduler.shutdown(true);
            }
            assertThat(harness.jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION").query(Long.class).single())
                    .as("one catch-up run").isEqualTo(1);
            assertThat(harness.calledTimes(inside)).isEqualTo(1);
            assertThat(harness.calledTimes(outside)).as("outside its window, not dialed").isZero();
        }
    }
}
