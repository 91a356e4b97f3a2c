package sa.navaia.dialer.dialing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import sa.navaia.dialer.ratelimit.Sleeper;

/**
 * Before the dial step: the run's heartbeat starts ({@link RunHeartbeats}: while it beats, nobody takes
 * the run over), attempts left in flight (by a crash, or an API call without an answer) are resolved with
 * Twilio, so nothing is re-dialed unresolved, and the connection to the API is opened.
 *
 * <p>After it: the calls still being placed are waited for, then the run's own attempts still
 * {@code unknown} are resolved as soon as they pass the resolve grace (waiting at most the grace plus
 * {@value #SETTLE_MARGIN_SECONDS} s). A run never ends COMPLETED with an attempt unresolved: one that
 * stays unresolved ends the run {@code STOPPED_ATTEMPTS_UNRESOLVED}, one found not placed (its contact
 * got the attempt back and is due again) ends it {@code STOPPED_ATTEMPTS_RETURNED}, which
 * {@link DialRuns} restarts at once; both leave the run date restartable. A run that stopped early says
 * why ({@code STOPPED_CAMPAIGN_PAUSED}, {@code STOPPED_CAMPAIGN_CANCELLED}, {@code STOPPED_LIVE_CALLS_FULL}).
 */
class DialStepListener implements StepExecutionListener {

    static final String ATTEMPTS_RETURNED = "STOPPED_ATTEMPTS_RETURNED";
    static final String ATTEMPTS_UNRESOLVED = "STOPPED_ATTEMPTS_UNRESOLVED";
    private static final Logger log = LoggerFactory.getLogger(DialStepListener.class);
    private static final Duration DRAIN = Duration.ofMinutes(5);
    private static final long SETTLE_MARGIN_SECONDS = 10;
    private static final Duration SETTLE_POLL = Duration.ofSeconds(1);

    private final DialRun run;
    private final AttemptResolver resolver;
    private final Dialer dialer;
    private final CallPlacer placer;
    private final DialMonitor monitor;
    private final RunHeartbeats heartbeats;
    private final DialOptions options;
    private final Sleeper sleeper;
    private final Clock clock;

    DialStepListener(DialRun run, AttemptResolver resolver, Dialer dialer, CallPlacer placer, DialMonitor monitor,
                     RunHeartbeats heartbeats, DialOptions options, Sleeper sleeper, Clock clock) {
        this.run = run;
        this.resolver = resolver;
        this.dialer = dialer;
        this.placer = placer;
        this.monitor = monitor;
        this.heartbeats = heartbeats;
        this.options = options;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        heartbeats.start(run.runId(), stepExecution.getJobExecutionId());
        monitor.started(run.campaignId(), run.stats());
        resolver.resolveInFlight();
        placer.warmUp();
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        try {
            if (!dialer.awaitIdle(DRAIN)) {
                log.warn("Calls were still being placed {} after the dial run ended; their attempts stay in flight"
                        + " and are resolved at the next start.", DRAIN);
            }
            settleAttempts();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heartbeats.stop(run.runId());
        }
        log.info("Dial run {} of campaign {}: {}", run.runId(), run.campaignId(), run.stats().describe(clock.instant()));
        return run.stopped().map(ExitStatus::new).orElse(stepExecution.getExitStatus());
    }

    private void settleAttempts() throws InterruptedException {
        Instant deadline = clock.instant().plus(options.resolveGrace()).plusSeconds(SETTLE_MARGIN_SECONDS);
        int returned = 0;
        while (true) {
            AttemptResolver.RunResolution pass = resolver.resolveRun(run.runId());
            returned += pass.resolved().notPlaced();
            int open = pass.open() + pass.resolved().unresolved();
            if (open == 0) {
                break;
            }
            if (!clock.instant().isBefore(deadline)) {
                log.warn("Dial run {} ends with {} attempts still unresolved; it stops restartably and they are resolved"
                        + " before anything is dialed again.", run.runId(), open);
                run.stop(ATTEMPTS_UNRESOLVED);
                return;
            }
            sleeper.sleep(SETTLE_POLL);
        }
        if (returned > 0) {
            log.info("Dial run {}: {} attempts were found not placed and returned to their contacts; the run goes on.",
                    run.runId(), returned);
            run.stop(ATTEMPTS_RETURNED);
        }
    }
}
