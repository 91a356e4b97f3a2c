package sa.navaia.dialer.dialing;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.eligibility.Decision;

/**
 * The dial run's decisions not to dial, recorded together: up to {@value #BATCH} skip rows in one JDBC batch, their
 * contacts rescheduled (to the window's next opening or the end of the minimum gap; never again for a permanent
 * reason) in another, and both committed in one transaction of their own. A night where every contact is outside its
 * window then costs one commit per {@value #BATCH} contacts, as an import does per chunk, not one per chunk of dials.
 * Skips not yet recorded when a worker dies are decided again by the next run: nothing was done for them.
 */
final class SkipRecorder {

    static final int BATCH = 500;
    private static final Duration UNKNOWN_ZONE_RETRY = Duration.ofDays(1);

    private final DialRun run;
    private final CallAttemptRepository attempts;
    private final DialingContactRepository contacts;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TransactionTemplate ownTransaction;
    private final List<DialPlan> pending = new ArrayList<>();

    SkipRecorder(DialRun run, CallAttemptRepository attempts, DialingContactRepository contacts, Clock clock,
                 MeterRegistry meters, PlatformTransactionManager transactionManager) {
        this.run = run;
        this.attempts = attempts;
        this.contacts = contacts;
        this.clock = clock;
        this.meters = meters;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void add(DialPlan skip) {
        pending.add(skip);
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    /** Records what is pending: before the reader reads another page, and before the run ends or waits. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Campaign campaign = run.campaign();
        Map<Long, Instant> postponed = new HashMap<>();
        Map<Long, String> suppressed = new HashMap<>();
        Map<String, Integer> byReason = new HashMap<>();
        for (DialPlan plan : pending) {
            Decision decision = plan.decision();
            if (decision.notBefore().isPresent()) {
                postponed.put(plan.contact().id(), decision.notBefore().get());
            } else if (decision.reasonCode().isPermanent()) {
                suppressed.put(plan.contact().id(), decision.reasonCode().code());
            } else {
                postponed.put(plan.contact().id(), clock.instant().plus(UNKNOWN_ZONE_RETRY));
            }
            byReason.merge(decision.reasonCode().code(), 1, Integer::sum);
        }
        ownTransaction.executeWithoutResult(status -> {
            attempts.recordSkips(campaign, pending, run.runId());
            contacts.postponeAll(postponed);
            contacts.suppressAll(suppressed);
        });
        pending.forEach(plan -> run.stats().skipped());
        byReason.forEach((reason, count) -> meters.counter("dialer.skips", "campaign", campaign.name(), "reason", reason)
                .increment(count));
        pending.clear();
    }
}
