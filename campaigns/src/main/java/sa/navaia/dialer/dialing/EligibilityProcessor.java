package sa.navaia.dialer.dialing;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Decides each due contact at dial time, against the campaign as read at the start of its page. */
class EligibilityProcessor implements ItemProcessor<DueContact, DialPlan> {

    private final DialRun run;
    private final DialDecider decider;

    EligibilityProcessor(DialRun run, DialDecider decider) {
        this.run = run;
        this.decider = decider;
    }

    @Override
    public DialPlan process(DueContact contact) {
        return new DialPlan(contact, decider.decide(run.campaign(), contact));
    }
}
