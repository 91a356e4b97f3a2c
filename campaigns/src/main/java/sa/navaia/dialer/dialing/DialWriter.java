package sa.navaia.dialer.dialing;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import sa.navaia.dialer.abandonment.AbandonmentGuard;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.eligibility.Decision;

/**
 * Acts on each decision: a skip is recorded with its reason and the contact rescheduled (to the
 * window's next opening or the end of the minimum gap; never again for a permanent reason), the chunk's skips
 * together in JDBC batches after its dials; a dial is
 * handed to the {@link Dialer}, which claims the contact and commits the attempt before its API call.
 * The campaign's status ({@link CampaignStates}, at most 250 ms old) is checked before each dial: a
 * paused or cancelled campaign stops the run there, and what is left of the chunk stays due. Before a chunk with
 * calls in it, the campaign's 30-day abandonment rate is checked ({@link AbandonmentGuard}): one about to pass 3 %
 * pauses itself, and the run stops at its first dial.
 *
 * <p>No Spring Batch skip or retry wraps this writer (the dial step is not {@code faultTolerant()}):
 * on a failed chunk, fault-tolerant steps re-run the writer item by item to find the bad item
 * (spring-batch issues 4486, 5091), and a re-run writer would place the chunk's calls again. Here an
 * error fails the step; the claims and attempts already committed keep those contacts from being
 * dialed again, and a restart reads only contacts still due. Belt and braces, the writer is also
 * idempotent by attempt key: a plan written twice claims nothing the second time, because the claim
 * requires the status and {@code attempts_made} the plan was read with.
 */
class DialWriter implements ItemWriter<DialPlan> {

    private static final Duration UNKNOWN_ZONE_RETRY = Duration.ofDays(1);

    private final DialRun run;
    private final Dialer dialer;
    private final CampaignStates states;
    private final CallAttemptRepository attempts;
    private final DialingContactRepository contacts;
    private final AbandonmentGuard abandonment;
    private final Clock clock;
    private final MeterRegistry meters;

    DialWriter(DialRun run, Dialer dialer, CampaignStates states, CallAttemptRepository attempts,
               DialingContactRepository contacts, AbandonmentGuard abandonment, Clock clock, MeterRegistry meters) {
        this.meters = meters;
        this.run = run;
        this.dialer = dialer;
        this.states = states;
        this.attempts = attempts;
        this.contacts = contacts;
        this.abandonment = abandonment;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends DialPlan> chunk) throws Exception {
        Campaign campaign = run.campaign();
        if (chunk.getItems().stream().anyMatch(plan -> plan.decision().dial()) && abandonment.check(campaign.id()).isPresent()) {
            states.forget(campaign.id());
        }
        List<DialPlan> skips = new ArrayList<>();
        for (DialPlan plan : chunk) {
            if (run.stopped().isPresent()) {
                break;
            }
            if (plan.decision().dial()) {
                CampaignStatus status = states.current(campaign.id());
                if (status != CampaignStatus.ACTIVE) {
                    // Paused or cancelled since the page was read: the rest of the chunk stays due, untouched.
                    run.stop("STOPPED_CAMPAIGN_" + status.name());
                    break;
                }
                if (dialer.dial(campaign, plan.contact(), plan.decision(), run.runId(), run.stats())
                        == Dialer.Submitted.LIVE_CALLS_FULL) {
                    run.stop("STOPPED_LIVE_CALLS_FULL");
                }
            } else {
                skips.add(plan);
            }
        }
        recordSkips(campaign, skips);
        if (run.stats().fatalError().isPresent()) {
            throw new IllegalStateException(run.stats().fatalError().get());
        }
    }

    /** The chunk's skips, in batches: their rows, then their contacts rescheduled. */
    private void recordSkips(Campaign campaign, List<DialPlan> skips) {
        attempts.recordSkips(campaign, skips, run.runId());
        Map<Long, Instant> postponed = new HashMap<>();
        Map<Long, String> suppressed = new HashMap<>();
        Map<String, Integer> byReason = new HashMap<>();
        for (DialPlan plan : skips) {
            Decision decision = plan.decision();
            if (decision.notBefore().isPresent()) {
                postponed.put(plan.contact().id(), decision.notBefore().get());
            } else if (decision.reasonCode().isPermanent()) {
                suppressed.put(plan.contact().id(), decision.reasonCode().code());
            } else {
                postponed.put(plan.contact().id(), clock.instant().plus(UNKNOWN_ZONE_RETRY));
            }
            byReason.merge(decision.reasonCode().code(), 1, Integer::sum);
            run.stats().skipped();
        }
        contacts.postponeAll(postponed);
        contacts.suppressAll(suppressed);
        byReason.forEach((reason, count) -> meters.counter("dialer.skips", "campaign", campaign.name(), "reason", reason)
                .increment(count));
    }
}
