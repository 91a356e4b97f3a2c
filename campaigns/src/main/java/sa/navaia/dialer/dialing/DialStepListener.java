package sa.navaia.dialer.dialing;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Before the dial step: attempts left in flight (by a crash, or an API call without an answer) are
 * resolved with Twilio, so nothing is re-dialed unresolved, and the connection to the API is opened.
 * After it: the calls still being placed are
 * waited for, and a run that stopped early says why in its exit status ({@code STOPPED_CAMPAIGN_PAUSED},
 * {@code STOPPED_CAMPAIGN_CANCELLED}, {@code STOPPED_LIVE_CALLS_FULL}); the job stops restartably then.
 */
class DialStepListener implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(DialStepListener.class);
    private static final Duration DRAIN = Duration.ofMinutes(5);

    private final DialRun run;
    private final AttemptResolver resolver;
    private final Dialer dialer;
    private final CallPlacer placer;
    private final DialMonitor monitor;
    private final Clock clock;

    DialStepListener(DialRun run, AttemptResolver resolver, Dialer dialer, CallPlacer placer, DialMonitor monitor,
                     Clock clock) {
        this.run = run;
        this.resolver = resolver;
        this.dialer = dialer;
        this.placer = placer;
        this.monitor = monitor;
        this.clock = clock;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Dial run {} of campaign {}: {}", run.runId(), run.campaignId(), run.stats().describe(clock.instant()));
        return run.stopped().map(ExitStatus::new).orElse(stepExecution.getExitStatus());
    }
}
