package sa.navaia.dialer.dialing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ItemReader;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.campaign.CampaignStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.ratelimit.Sleeper;

/**
 * Reads the campaign's due contacts page by page in id order, checking the campaign between pages (a
 * paused or cancelled campaign ends the run with {@code STOPPED_CAMPAIGN_PAUSED} / {@code _CANCELLED}), and decides
 * each one at dial time as it is handed out ({@link DialDecider}): a contact to dial becomes the step's item, a contact
 * not to dial goes to the {@link SkipRecorder}, which records skips in batches of their own. So a chunk holds
 * {@value DialJobConfiguration#CHUNK} dials however many skips lie between them, and a list nobody may call now costs
 * one commit per {@value SkipRecorder#BATCH} contacts. Skips are recorded before each page is read, so a new pass
 * never reads a contact whose skip is still pending; a skip postponed to its window's opening is not read again before
 * then ({@code next_attempt_at}).
 *
 * <p>Restart-safe without saved state: every page is queried afresh (in a transaction of its own, so
 * that under MySQL's REPEATABLE READ a page never comes from the chunk's older snapshot), and a claimed or skipped contact
 * is no longer due. When a pass reaches the end, another pass starts if the last one found anything
 * (a not-placed attempt may have freed a contact). When a pass finds nothing, the run waits for the
 * next contact coming due (a retry, a window opening) if that is before the run's horizon, polling at
 * most every 30 s; otherwise the run ends and what is left waits for the next run. A run never waits
 * for calls still in progress to end.
 */
class DueContactReader implements ItemReader<DialPlan> {

    private static final Logger log = LoggerFactory.getLogger(DueContactReader.class);
    private static final Duration MAX_POLL = Duration.ofSeconds(30);
    private static final int RECENT_LIMIT = 1024;

    private final DialRun run;
    private final DialingContactRepository contacts;
    private final DialDecider decider;
    private final SkipRecorder skips;
    private final CampaignRepository campaigns;
    private final Clock clock;
    private final Sleeper sleeper;
    private final int pageSize;
    private final TransactionTemplate fresh;
    private final Deque<DueContact> page = new ArrayDeque<>();
    /**
     * The last contacts handed out, as they were when read. A new pass may start while the chunk that holds
     * them is not written yet; they would be read again, still due. A contact that really comes due again
     * (a retry, a window opening) has another attempt count or due time, so it passes.
     */
    private final Map<Long, DueContact> recentlyHandedOut = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, DueContact> eldest) {
            return size() > RECENT_LIMIT;
        }
    };
    private long afterId;
    private int readInPass;

    DueContactReader(DialRun run, DialingContactRepository contacts, DialDecider decider, SkipRecorder skips,
                     CampaignRepository campaigns, Clock clock, Sleeper sleeper, int pageSize,
                     PlatformTransactionManager transactionManager) {
        this.decider = decider;
        this.skips = skips;
        this.fresh = new TransactionTemplate(transactionManager);
        fresh.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        fresh.setReadOnly(true);
        this.run = run;
        this.contacts = contacts;
        this.campaigns = campaigns;
        this.clock = clock;
        this.sleeper = sleeper;
        this.pageSize = pageSize;
    }

    @Override
    public DialPlan read() throws InterruptedException {
        while (true) {
            DueContact contact = run.stopped().isPresent() ? null : next();
            if (contact == null) {
                skips.flush();
                return null;
            }
            DialPlan plan = new DialPlan(contact, decider.decide(run.campaign(), contact));
            if (plan.decision().dial()) {
                recentlyHandedOut.put(contact.id(), contact);
                return plan;
            }
            skips.add(plan);
        }
    }

    private DueContact next() throws InterruptedException {
        while (page.isEmpty()) {
            if (afterId == 0) {
                skips.flush(); // a pass from the first contact must see every skip of the last one
            } else {
                skips.handOff(); // the pages ahead hold other contacts: they are read while these are written
            }
            if (run.stopped().isPresent() || !Boolean.TRUE.equals(fresh.execute(status -> campaignActive()))) {
                return null;
            }
            Instant now = clock.instant();
            List<DueContact> next = fresh.execute(status -> contacts.duePage(run.campaignId(), now, afterId, pageSize));
            if (!next.isEmpty()) {
                afterId = next.get(next.size() - 1).id();
                List<DueContact> notYetHandedOut = next.stream().filter(this::notJustHandedOut).toList();
                page.addAll(notYetHandedOut);
                readInPass += notYetHandedOut.size();
            } else if (readInPass > 0) {
                afterId = 0;
                readInPass = 0;
            } else if (!waitForNextDue(now)) {
                return null;
            }
        }
        return page.poll();
    }

    private boolean notJustHandedOut(DueContact contact) {
        DueContact earlier = recentlyHandedOut.get(contact.id());
        return earlier == null || earlier.attemptsMade() != contact.attemptsMade()
                || !earlier.nextAttemptAt().equals(contact.nextAttemptAt());
    }

    private boolean campaignActive() {
        Campaign campaign = campaigns.findById(run.campaignId()).orElseThrow(() -> new IllegalStateException(
                "Campaign " + run.campaignId() + " does not exist (any more); the dial run stops."));
        run.campaign(campaign);
        if (campaign.status() != CampaignStatus.ACTIVE) {
            log.info("Campaign {} ({}) is {}; the dial run stops and what is left waits for the next run.",
                    campaign.id(), campaign.name(), campaign.status().code());
            run.stop("STOPPED_CAMPAIGN_" + campaign.status().name());
            return false;
        }
        return true;
    }

    private boolean waitForNextDue(Instant now) throws InterruptedException {
        Optional<Instant> nextDue = fresh.execute(status -> contacts.nextDueAfter(run.campaignId(), now));
        if (nextDue.isEmpty() || nextDue.get().isAfter(run.horizonEnd())) {
            return false;
        }
        Duration wait = Duration.between(now, nextDue.get());
        log.info("Nothing due now in campaign {}; the next contact is due at {}, waiting.", run.campaignId(), nextDue.get());
        sleeper.sleep(wait.compareTo(MAX_POLL) > 0 ? MAX_POLL : wait);
        afterId = 0;
        return true;
    }
}
