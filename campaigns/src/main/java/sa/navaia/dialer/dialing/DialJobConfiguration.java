package sa.navaia.dialer.dialing;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import sa.navaia.dialer.abandonment.AbandonmentGuard;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.ratelimit.Sleeper;

/**
 * The dial job, {@code dialCampaign(campaignId, runDate, lane)}:
 * <pre>
 *   dialStep:  DueContactReader (decides; skips → SkipRecorder, in batches) → DialWriter   (chunks of {@value #CHUNK} dials)
 *     before:  heartbeat on; resolve attempts left in flight
 *     after:   wait for calls being placed, then for the run's attempts to be resolved; heartbeat off
 *   dialStep exit STOPPED_* (campaign paused/cancelled, live calls full, attempts returned or unresolved)
 *                                                                          → job STOPPED, restartable
 *   dialStep FAILED (an error, or Twilio refusing our request or account) → job FAILED, restartable
 *   otherwise                                                              → job COMPLETED
 * </pre>
 * Identifying parameters: the campaign, the run date in the campaign's zone, and the lane (1 unless an
 * operator runs extra lanes in parallel). A restarted run resumes (the reader reads only contacts
 * still due); a COMPLETED run of a date is never run again. Restart rule: the step may start again
 * after COMPLETED because it holds no state of its own.
 *
 * <p>No skip or retry: the step is not fault-tolerant, see {@link DialWriter} for why.
 */
@Configuration(proxyBeanMethods = false)
class DialJobConfiguration {

    static final String JOB = "dialCampaign";
    static final String STEP = "dialStep";
    static final int CHUNK = 20;
    /** Contacts read at once; each is decided only as it is handed out, so a page's dials are decided at dial time. */
    static final int PAGE = SkipRecorder.BATCH;

    @Bean
    Job dialCampaign(JobRepository jobRepository, Step dialStep) {
        return new JobBuilder(JOB, jobRepository)
                .start(dialStep).on("STOPPED_*").stopAndRestart(dialStep)
                .from(dialStep).on("FAILED").fail()
                .from(dialStep).on("*").end()
                .end()
                .build();
    }

    @Bean
    Step dialStep(JobRepository jobRepository, JdbcTransactionManager transactionManager, DueContactReader dueContactReader,
                  DialWriter dialWriter, DialStepListener dialStepListener) {
        return new StepBuilder(STEP, jobRepository)
                .<DialPlan, DialPlan>chunk(CHUNK)
                .transactionManager(transactionManager)
                .reader(dueContactReader)
                .writer(dialWriter)
                .listener(dialStepListener)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    @StepScope
    DialRun dialRun(@Value("#{jobParameters['campaignId']}") Long campaignId,
                    @Value("#{stepExecution.jobExecutionId}") Long executionId, Clock clock, DialOptions options) {
        return new DialRun(campaignId, DialRun.runIdOf(executionId), clock.instant(), clock.instant().plus(options.horizon()));
    }

    @Bean
    @StepScope
    DueContactReader dueContactReader(DialRun dialRun, DialingContactRepository contacts, DialDecider decider,
                                      CallAttemptRepository attempts, CampaignRepository campaigns, Clock clock,
                                      MeterRegistry meters, JdbcTransactionManager transactionManager) {
        SkipRecorder skips = new SkipRecorder(dialRun, attempts, contacts, clock, meters, transactionManager);
        return new DueContactReader(dialRun, contacts, decider, skips, campaigns, clock, Sleeper.SYSTEM, PAGE,
                transactionManager);
    }

    @Bean
    @StepScope
    DialWriter dialWriter(DialRun dialRun, Dialer dialer, CampaignStates states, AbandonmentGuard abandonment) {
        return new DialWriter(dialRun, dialer, states, abandonment);
    }

    @Bean
    DialStepListener dialStepListener(DialRun dialRun, AttemptResolver resolver, Dialer dialer, CallPlacer placer,
                                      DialMonitor monitor, RunHeartbeats heartbeats, DialOptions options, Clock clock) {
        return new DialStepListener(dialRun, resolver, dialer, placer, monitor, heartbeats, options, Sleeper.SYSTEM, clock);
    }
}
