package sa.navaia.dialer.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.app.DialerContext;
import sa.navaia.dialer.app.TestSettings;
import sa.navaia.dialer.db.TestDatabase;

class SchedulesIT {

    static final AtomicInteger FIRED = new AtomicInteger();

    public static class CountingJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            FIRED.incrementAndGet();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aClusteredSchedulerInTheSharedDatabaseFiresJobs(TestDatabase kind) throws Exception {
        FIRED.set(0);
        try (TestDatabase.Migrated db = kind.create();
             ConfigurableApplicationContext context = DialerContext.start(TestSettings.forDatabase(db))) {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.start();
            Schedules schedules = context.getBean(Schedules.class);

            schedules.scheduleEvery(JobKey.jobKey("count", "test"), CountingJob.class, 1, Map.of());

            await().atMost(Duration.ofSeconds(20)).until(() -> FIRED.get() >= 2);
            JdbcClient jdbc = JdbcClient.create(context.getBean(javax.sql.DataSource.class));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE").query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE JOB_NAME = 'count'").query(Long.class).single()).isEqualTo(1);
            scheduler.shutdown(true);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCronScheduleRunsInItsZoneAndFiresOnceWhenMissed(TestDatabase kind) throws Exception {
        try (TestDatabase.Migrated db = kind.create();
             ConfigurableApplicationContext context = DialerContext.start(TestSettings.forDatabase(db))) {
            Schedules schedules = context.getBean(Schedules.class);
            JobKey key = JobKey.jobKey("dial-1", "campaigns");

            schedules.scheduleCron(key, CountingJob.class, "0 0 9 * * ?", ZoneId.of("America/New_York"), Map.of("campaignId", 1L));

            CronTrigger trigger = (CronTrigger) context.getBean(Scheduler.class).getTrigger(TriggerKey.triggerKey("dial-1", "campaigns"));
            assertThat(trigger.getTimeZone().getID()).isEqualTo("America/New_York");
            assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
            assertThat(schedules.nextFireTime(key)).isPresent();
            assertThatThrownBy(() -> schedules.scheduleCron(key, CountingJob.class, "every day at 9", ZoneId.of("UTC"), Map.of()))
                    .hasMessageStartingWith("\"every day at 9\" is not a Quartz cron expression");
        }
    }
}
