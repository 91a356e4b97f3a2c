package sa.navaia.dialer.dialing;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.db.LockConflicts;
import sa.navaia.dialer.eligibility.Decision;

/**
 * The dial run's decisions not to dial, recorded together: up to {@value #BATCH} skip rows in one JDBC batch, their
 * contacts rescheduled (to the window's next opening or the end of the minimum gap; never again for a permanent
 * reason) in another, and both committed in one transaction of their own with the campaign's skip counters by reason
 * (what the console's progress shows). A night where every contact is outside its
 * window then costs one commit per {@value #BATCH} contacts, as an import does per chunk, not one per chunk of dials.
 * A batch is written on a thread of its own while the reader reads and decides the next page (at most one batch in
 * flight, written in order): the reader's work and the database's then overlap instead of taking turns. Before a pass
 * starts again from the first contact, and before the run ends or waits, {@link #flush} waits for every batch, so the
 * reader never reads a contact whose skip is still on its way. Skips not yet recorded when a worker dies are decided
 * again by the next run: nothing was done for them.
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
    /** One thread at most, gone a second after its last batch (a worker runs many dial steps). */
    private final ExecutorService writer = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            runnable -> {
                Thread thread = new Thread(runnable, "skip-writer");
                thread.setDaemon(true);
                return thread;
            });
    private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);

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
            handOff();
        }
    }

    /** Starts writing what is pending, once the batch before it is written; returns without waiting for it. */
    void handOff() {
        if (pending.isEmpty()) {
            return;
        }
        List<DialPlan> batch = List.copyOf(pending);
        pending.clear();
        // The run is step-scoped: what the writer needs of it is taken here, on the step's thread.
        Campaign campaign = run.campaign();
        String runId = run.runId();
        DialStats stats = run.stats();
        awaitWritten();
        written = CompletableFuture.runAsync(() -> write(campaign, runId, stats, batch), writer);
    }

    /** Writes what is pending and waits until every batch is committed (a failed batch fails the run here). */
    void flush() {
        handOff();
        awaitWritten();
    }

    private void awaitWritten() {
        try {
            written.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    private void write(Campaign campaign, String runId, DialStats stats, List<DialPlan> batch) {
        Map<Long, Instant> postponed = new HashMap<>();
        Map<Long, String> suppressed = new HashMap<>();
        Map<String, Integer> byReason = new HashMap<>();
        for (DialPlan plan : batch) {
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
        // Two runs of one campaign adding the first skips of a reason at once may deadlock on the new counter row; the
        // victim's batch was rolled back whole and is written again.
        LockConflicts.retry(() -> ownTransaction.execute(status -> {
            attempts.recordSkips(campaign, batch, runId);
            contacts.postponeAll(postponed);
            contacts.suppressAll(suppressed);
            return null;
        }));
        batch.forEach(plan -> stats.skipped());
        byReason.forEach((reason, count) -> meters.counter("dialer.skips", "campaign", campaign.name(), "reason", reason)
                .increment(count));
    }
}
