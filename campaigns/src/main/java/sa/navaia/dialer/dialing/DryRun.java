package sa.navaia.dialer.dialing;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import sa.navaia.dialer.campaign.Campaign;

/**
 * What a dial run would do now, contact by contact, without dialing or writing anything: the same due
 * contacts and the same {@link DialDecider} as the dial job.
 */
@Component
public class DryRun {

    private static final int PAGE = 500;

    private final DialingContactRepository contacts;
    private final DialDecider decider;
    private final Clock clock;

    public DryRun(DialingContactRepository contacts, DialDecider decider, Clock clock) {
        this.contacts = contacts;
        this.decider = decider;
        this.clock = clock;
    }

    /** Hands each due contact's plan to {@code each}, page by page: memory holds one page, whatever the list's size. */
    public void forEach(Campaign campaign, Consumer<DialPlan> each) {
        long afterId = 0;
        while (true) {
            List<DueContact> page = contacts.duePage(campaign.id(), clock.instant(), afterId, PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (DueContact contact : page) {
                each.accept(new DialPlan(contact, decider.decide(campaign, contact)));
            }
            afterId = page.get(page.size() - 1).id();
        }
    }
}
