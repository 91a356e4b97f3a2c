package sa.navaia.dialer.dialing;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import sa.navaia.dialer.agent.Agents;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.ratelimit.Sleeper;

/**
 * Starts the dial job for a campaign and a run date (today in the campaign's zone unless given), and
 * says what happened. A run of that date that already COMPLETED is reported, never run again; a run
 * that is still running elsewhere (its heartbeat moves) is reported; a run whose execution was left
 * STARTED by a crashed process (no heartbeat for {@code dialer.dial.stale-after}) is recovered and restarted.
 */
@Component
public class DialRuns {

    private static final Logger log = LoggerFactory.getLogger(DialRuns.class);
    private static final int LAUNCH_ATTEMPTS = 3;
    /** A run ending with attempts returned to their contacts is restarted at once, at most this many times in a row. */
    private static final int RESTARTS_FOR_RETURNED = 5;
    private static final Duration WATCH_POLL = Duration.ofMillis(500);

    /** How a launch ended. {@code exitCode} is the job's exit code, e.g. COMPLETED or STOPPED_CAMPAIGN_PAUSED. */
    public record Outcome(Kind kind, LocalDate runDate, String exitCode, String message) {
        public enum Kind { RAN, ALREADY_COMPLETE, ALREADY_RUNNING }
    }

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job dialCampaign;
    private final CampaignRepository campaigns;
    private final Clock clock;
    private final DialOptions options;
    private final RunHeartbeats heartbeats;
    private final Sleeper sleeper;
    private final Agents agents;
    private final CampaignStates states;

    public DialRuns(JobOperator jobOperator, JobRepository jobRepository, Job dialCampaign, CampaignRepository campaigns,
                    Clock clock, DialOptions options, RunHeartbeats heartbeats, DialerSettings settings,
                    CampaignStates states) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.dialCampaign = dialCampaign;
        this.campaigns = campaigns;
        this.clock = clock;
        this.options = options;
        this.heartbeats = heartbeats;
        this.sleeper = Sleeper.SYSTEM;
        this.agents = settings.elevenLabs().agents();
        this.states = states;
    }

    /** Today's date in the campaign's zone: the run date of a run started now. */
    public LocalDate today(Campaign campaign) {
        return LocalDate.now(clock.withZone(campaign.timeZone()));
    }

    public Outcome launch(long campaignId) {
        Campaign campaign = campaigns.findById(campaignId).orElseThrow(() -> new IllegalArgumentException(
                "There is no campaign with id " + campaignId + "; 'ops/dialer campaign list' shows them."));
        return launch(campaignId, today(campaign), "1");
    }

    /**
     * Runs the date's dial job. A run that ended with attempts returned to their contacts (found not placed
     * as it ended) is restarted at once, so that those contacts are dialed in the same run date.
     */
    public Outcome launch(long campaignId, LocalDate runDate, String lane) {
        // A campaign whose agent is no longer configured would call people only to apologise and hang up.
        campaigns.findById(campaignId).ifPresent(campaign -> agents.require(campaign.agentName()));
        states.forget(campaignId);
        Outcome outcome = launchRetryingDeadlocks(campaignId, runDate, lane);
        for (int restart = 1; restart <= RESTARTS_FOR_RETURNED
                && DialStepListener.ATTEMPTS_RETURNED.equals(outcome.exitCode()); restart++) {
            log.info("Dial run of campaign {} for {} returned attempts to their contacts; it restarts to dial them.",
                    campaignId, runDate);
            outcome = launchRetryingDeadlocks(campaignId, runDate, lane);
        }
        return outcome;
    }

    private Outcome launchRetryingDeadlocks(long campaignId, LocalDate runDate, String lane) {
        for (int attempt = 1; ; attempt++) {
            try {
                return launchOnce(campaignId, runDate, lane);
            } catch (IllegalStateException e) {
                // MySQL/MariaDB may pick the creation of a job instance as a deadlock victim when two workers
                // create instances at once (gap locks on BATCH_JOB_INSTANCE's unique key); nothing ran yet.
                if (attempt >= LAUNCH_ATTEMPTS || !(e.getCause() instanceof TransientDataAccessException
                        || e.getCause() instanceof PessimisticLockingFailureException)) {
                    throw e;
                }
                log.info("Starting the dial run of campaign {} hit a database deadlock; trying again.", campaignId);
            }
        }
    }

    private Outcome launchOnce(long campaignId, LocalDate runDate, String lane) {
        JobParameters parameters = new JobParametersBuilder()
                .addLong("campaignId", campaignId)
                .addString("runDate", runDate.toString())
                .addString("lane", lane)
                .toJobParameters();
        failIfLeftUnknown(parameters);
        recoverIfCrashed(parameters);
        try {
            JobExecution execution = jobOperator.start(dialCampaign, parameters);
            // The step's exit code says why a run stopped (STOPPED_CAMPAIGN_PAUSED); the job's says only STOPPED.
            String exitCode = execution.getStepExecutions().stream().reduce((first, second) -> second)
                    .map(step -> step.getExitStatus().getExitCode()).orElse(execution.getExitStatus().getExitCode());
            String message = execution.getStatus() == BatchStatus.FAILED
                    ? "The dial run failed: " + execution.getAllFailureExceptions().stream().map(Throwable::getMessage)
                    .findFirst().orElse(execution.getExitStatus().getExitDescription())
                    : "The dial run of " + runDate + " ended " + exitCode + ".";
            return new Outcome(Outcome.Kind.RAN, runDate, exitCode, message);
        } catch (JobInstanceAlreadyCompleteException e) {
            return new Outcome(Outcome.Kind.ALREADY_COMPLETE, runDate, "NOOP", "Campaign " + campaignId
                    + " was already dialed to completion for " + runDate + " (lane " + lane + "); nobody is dialed again.");
        } catch (JobExecutionAlreadyRunningException e) {
            return new Outcome(Outcome.Kind.ALREADY_RUNNING, runDate, "NOOP", "A dial run of campaign " + campaignId
                    + " for " + runDate + " (lane " + lane + ") is running in another worker; this one does nothing.");
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the dial run of campaign " + campaignId + " for " + runDate
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Spring Batch leaves a run UNKNOWN when it cannot save its own state (the database went away mid-chunk) and then
     * refuses to restart it, which would stop that date's dialing for good. Every decision and call of the run is in
     * the dialer's own tables (the attempts are recorded before their calls and resolved with Twilio on restart), so
     * the execution is marked FAILED, as Spring Batch's own recovery marks a crashed one, and this launch restarts it.
     */
    private void failIfLeftUnknown(JobParameters parameters) {
        JobExecution last = jobRepository.getLastJobExecution(DialJobConfiguration.JOB, parameters);
        if (last == null || last.getStatus() != BatchStatus.UNKNOWN) {
            return;
        }
        log.warn("Dial run execution {} was left UNKNOWN (its state could not be saved); it is marked FAILED and the run"
                + " restarts, its in-flight attempts resolved with Twilio first.", last.getId());
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneId.systemDefault());
        for (var step : last.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(org.springframework.batch.core.ExitStatus.FAILED);
                step.setEndTime(now);
                jobRepository.update(step);
            }
        }
        last.setStatus(BatchStatus.FAILED);
        last.setExitStatus(org.springframework.batch.core.ExitStatus.FAILED
                .addExitDescription("Left UNKNOWN; marked FAILED so the run can restart."));
        last.setEndTime(now);
        jobRepository.update(last);
    }

    /**
     * A run left STARTED is alive while its heartbeat moves. A beat older than {@code stale-after} means
     * its worker is gone: the execution is recovered, and this launch restarts it. A beat younger than
     * that is watched until it moves (alive: this launch finds the run running elsewhere) or grows stale
     * (crashed: taken over), so a run killed a moment ago is taken over within {@code stale-after}.
     * Before its first beat a run counts from its execution's last update.
     */
    private void recoverIfCrashed(JobParameters parameters) {
        JobExecution last = jobRepository.getLastJobExecution(DialJobConfiguration.JOB, parameters);
        if (last == null || !last.isRunning()) {
            return;
        }
        String runId = DialRun.runIdOf(last.getId());
        Optional<Instant> firstSeen = heartbeats.lastBeat(runId);
        Instant lastSign = firstSeen.orElseGet(() -> lastUpdated(last));
        while (true) {
            Duration idle = Duration.between(lastSign, clock.instant());
            if (idle.compareTo(options.staleAfter()) >= 0) {
                log.warn("Dial run execution {} has shown no heartbeat for {}; its worker is taken as crashed, the"
                        + " execution is recovered and the run restarts.", last.getId(), idle.withNanos(0));
                jobOperator.recover(last);
                return;
            }
            Optional<Instant> beat = heartbeats.lastBeat(runId);
            if (beat.isPresent() && !beat.equals(firstSeen)) {
                return;
            }
            JobExecution now = jobRepository.getLastJobExecution(DialJobConfiguration.JOB, parameters);
            if (now == null || now.getId() != last.getId() || !now.isRunning()) {
                return;
            }
            try {
                sleeper.sleep(WATCH_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Instant lastUpdated(JobExecution execution) {
        LocalDateTime updated = execution.getLastUpdated() != null ? execution.getLastUpdated() : execution.getStartTime();
        return updated == null ? Instant.EPOCH : updated.atZone(ZoneId.systemDefault()).toInstant();
    }
}
