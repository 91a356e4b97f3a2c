package sa.navaia.dialer.dialing;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import sa.navaia.dialer.abandonment.AbandonmentGuard;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignStatus;

/**
 * Dials the chunk's contacts (skips never reach it: the reader hands them to the {@link SkipRecorder}); each dial is
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

    private final DialRun run;
    private final Dialer dialer;
    private final CampaignStates states;
    private final AbandonmentGuard abandonment;

    DialWriter(DialRun run, Dialer dialer, CampaignStates states, AbandonmentGuard abandonment) {
        this.run = run;
        this.dialer = dialer;
        this.states = states;
        this.abandonment = abandonment;
    }

    @Override
    public void write(Chunk<? extends DialPlan> chunk) throws Exception {
        Campaign campaign = run.campaign();
        if (!chunk.isEmpty() && abandonment.check(campaign.id()).isPresent()) {
            states.forget(campaign.id());
        }
        for (DialPlan plan : chunk) {
            if (run.stopped().isPresent()) {
                break;
            }
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
        }
        if (run.stats().fatalError().isPresent()) {
            throw new IllegalStateException(run.stats().fatalError().get());
        }
    }
}
