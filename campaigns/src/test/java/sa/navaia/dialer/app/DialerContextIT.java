package sa.navaia.dialer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.quartz.JobKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.schedule.Schedules;

class DialerContextIT {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void springBatchKeepsItsJobRepositoryInTheSharedDatabase(TestDatabase kind) throws Exception {
        try (TestDatabase.Migrated db = kind.create();
             ConfigurableApplicationContext context = DialerContext.start(TestSettings.forDatabase(db))) {
            JobRepository jobRepository = context.getBean(JobRepository.class);
            Job job = new JobBuilder("smoke", jobRepository)
                    .start(new StepBuilder("smoke", jobRepository)
                            .tasklet((contribution, chunk) -> RepeatStatus.FINISHED,
                                    context.getBean(JdbcTransactionManager.class))
                            .build())
                    .build();

            JobExecution execution = context.getBean(JobOperator.class)
                    .start(job, new JobParametersBuilder().addString("run", "1").toJobParameters());

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            Long stored = JdbcClient.create(context.getBean(javax.sql.DataSource.class))
                    .sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'").query(Long.class).single();
            assertThat(stored).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aStartingWorkerSchedulesTheInboxScanTheRateLimitCleanupAndTheDailyRetentionPurge(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create();
             ConfigurableApplicationContext context = DialerContext.start(TestSettings.forDatabase(db,
                     Map.of("DIALER_PURGE_CRON", "0 45 2 * * ?")))) {
            Schedules schedules = context.getBean(Schedules.class);
            JobKey inboxScan = JobKey.jobKey("inbox-scan", "imports");
            JobKey rateLimitCleanup = JobKey.jobKey("rate-limit-cleanup", "maintenance");
            assertThat(schedules.nextFireTime(inboxScan)).as("before the worker starts").isEmpty();

            context.getBeansOfType(WorkerStartup.class).values().forEach(WorkerStartup::onWorkerStart);

            assertThat(schedules.nextFireTime(inboxScan)).isPresent();
            assertThat(schedules.nextFireTime(rateLimitCleanup)).isPresent();
            assertThat(schedules.nextFireTime(JobKey.jobKey("retention-purge", "maintenance")))
                    .as("DIALER_PURGE_CRON, in UTC").hasValueSatisfying(next -> {
                        ZonedDateTime at = next.toInstant().atZone(ZoneOffset.UTC);
                        assertThat(List.of(at.getHour(), at.getMinute(), at.getSecond())).containsExactly(2, 45, 0);
                    });
        }
    }
}
