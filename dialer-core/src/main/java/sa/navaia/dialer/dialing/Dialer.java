package sa.navaia.dialer.dialing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.eligibility.Decision;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.ratelimit.CallRateLimiter;
import sa.navaia.dialer.ratelimit.Sleeper;

/**
 * Places the calls the dial job decided on, at most once each and no faster than the rate limits.
 *
 * <p>For each contact, on the caller's thread: wait while the campaign has {@code maxLiveCalls} calls
 * live and while all {@code placerThreads} are busy. Then on a placer thread:
 * {@link CallAttemptRepository#openDial} (claim + attempt + session, committed), a token from the shared
 * {@link CallRateLimiter} (per caller ID, per campaign, per account), the campaign's status
 * ({@link CampaignStates}: a paused or cancelled campaign's attempt ends {@code not_placed} and is given
 * back), the call, and its answer recorded. With 300 ms of API latency, 32 threads could place about
 * 100 calls/s, so the limiter, not the latency, sets the pace. {@link #awaitIdle} waits for the calls in flight before a
 * run ends.
 */
public final class Dialer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dialer.class);
    private static final Duration LIVE_WINDOW = Duration.ofHours(4);
    private static final Duration CAPACITY_POLL = Duration.ofMillis(200);
    private static final int RECOUNT_EVERY = 50;

    /** What became of one request to dial. */
    public enum Submitted { DIALING, LIVE_CALLS_FULL }

    private final CallAttemptRepository attempts;
    private final DialingContactRepository contacts;
    private final CallPlacer placer;
    private final CallRateLimiter limiter;
    private final CampaignStates states;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration capacityWait;
    private final int threads;
    private final ExecutorService pool;
    private final Semaphore slots;
    private final MeterRegistry meters;
    private final Timer rateLimitWait;
    private final Map<Long, LiveEstimate> liveEstimates = new ConcurrentHashMap<>();

    public Dialer(CallAttemptRepository attempts, DialingContactRepository contacts, CallPlacer placer,
                  CallRateLimiter limiter, CampaignStates states, Clock clock, Sleeper sleeper, int placerThreads,
                  Duration capacityWait, MeterRegistry meters) {
        this.meters = meters;
        this.rateLimitWait = Timer.builder("dialer.rate.limit.wait")
                .description("Time a call waited for its rate-limit tokens").register(meters);
        for (String result : List.of("placed", "refused", "unknown")) {
            twilioRequests(result); // from the start, so that a rate of refusals is 0, not missing
        }
        this.attempts = attempts;
        this.contacts = contacts;
        this.placer = placer;
        this.limiter = limiter;
        this.states = states;
        this.clock = clock;
        this.sleeper = sleeper;
        this.capacityWait = capacityWait;
        this.threads = placerThreads;
        this.slots = new Semaphore(placerThreads);
        AtomicInteger counter = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(placerThreads, runnable -> {
            Thread thread = new Thread(runnable, "placer-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Claims, records and places one call on a placer thread. Blocks while every placer thread is busy,
     * and up to {@code capacityWait} while the campaign has its maximum of live calls. The claim and the
     * attempt are committed on the placer thread before its API call; a contact another worker claimed
     * first is left alone (counted as taken elsewhere).
     */
    public Submitted dial(Campaign campaign, DueContact contact, Decision decision, String runId, DialStats stats)
            throws InterruptedException {
        if (!awaitLiveCapacity(campaign)) {
            return Submitted.LIVE_CALLS_FULL;
        }
        LiveEstimate live = liveEstimates.get(campaign.id());
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            live.opening.decrementAndGet();
            throw e;
        }
        pool.execute(() -> {
            try {
                Optional<OpenedAttempt> opened;
                try {
                    opened = attempts.openDial(campaign, contact, decision, runId);
                } finally {
                    live.opening.decrementAndGet();
                }
                if (opened.isEmpty()) {
                    stats.lost();
                    count(campaign, "taken_elsewhere");
                    return;
                }
                place(campaign, opened.get(), stats);
            } catch (RuntimeException e) {
                log.error("Dialing contact {} ({}) failed: {}", contact.id(), PhoneNumbers.mask(contact.phoneE164()), e.toString());
                stats.fatal("Recording or placing a call failed (" + e.getMessage() + "); the run stops. Attempts already"
                        + " recorded are resolved with Twilio before anything is dialed again.");
            } finally {
                slots.release();
            }
        });
        return Submitted.DIALING;
    }

    /** Waits until no call is in flight in this dialer, at most {@code max}; true when idle. */
    public boolean awaitIdle(Duration max) throws InterruptedException {
        if (slots.tryAcquire(threads, max.toMillis(), TimeUnit.MILLISECONDS)) {
            slots.release(threads);
            return true;
        }
        return false;
    }

    /**
     * Counting live calls in the database for every dial would cost a query per call; the count is taken
     * again when the estimate (last count plus calls submitted since) reaches the cap, or every
     * {@value #RECOUNT_EVERY} calls, so the estimate only ever errs high.
     */
    private boolean awaitLiveCapacity(Campaign campaign) throws InterruptedException {
        LiveEstimate live = liveEstimates.computeIfAbsent(campaign.id(), id -> new LiveEstimate());
        synchronized (live) {
            if (live.counted >= 0 && live.sinceCount < RECOUNT_EVERY && live.counted + live.sinceCount < campaign.maxLiveCalls()) {
                live.sinceCount++;
                live.opening.incrementAndGet();
                return true;
            }
        }
        Instant deadline = clock.instant().plus(capacityWait);
        while (true) {
            synchronized (live) {
                // Calls handed to a placer thread but not yet recorded are not in the database's count.
                int counted = live.opening.get() + attempts.liveCalls(campaign.id(), clock.instant().minus(LIVE_WINDOW));
                live.counted = counted;
                live.sinceCount = 0;
                if (counted < campaign.maxLiveCalls()) {
                    live.sinceCount = 1;
                    live.opening.incrementAndGet();
                    return true;
                }
            }
            if (!clock.instant().isBefore(deadline)) {
                return false;
            }
            sleeper.sleep(CAPACITY_POLL);
        }
    }

    private static final class LiveEstimate {
        final AtomicInteger opening = new AtomicInteger();
        int counted = -1;
        int sinceCount;
    }

    private void place(Campaign campaign, OpenedAttempt attempt, DialStats stats) {
        String masked = PhoneNumbers.mask(attempt.phoneE164());
        Timer.Sample waiting = Timer.start();
        try {
            limiter.acquire(attempt.callerId(), campaign.id(), campaign.callsPerSecond());
            waiting.stop(rateLimitWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // No request was sent: certainly not placed, and the contact gets its attempt back.
            attempts.returnAttempt(attempt.attemptId(), attempt.contactId(), "interrupted",
                    "the run stopped before this call was placed", clock.instant());
            return;
        }
        CampaignStatus status = states.current(campaign.id());
        if (status != CampaignStatus.ACTIVE) {
            // Paused or cancelled while this call waited: no request leaves, and the contact keeps its attempt.
            attempts.returnAttempt(attempt.attemptId(), attempt.contactId(), "campaign_" + status.code(),
                    "the campaign was " + status.code() + " before this call was placed", clock.instant());
            stats.withheld();
            count(campaign, "withheld");
            log.info("Call to {} (session {}) not placed: campaign {} is {}; the contact keeps its attempt.", masked,
                    attempt.sessionId(), campaign.id(), status.code());
            return;
        }
        Timer.Sample request = Timer.start();
        PlaceResult result = placer.place(attempt.phoneE164(), attempt.callerId(), attempt.sessionId(),
                campaign.id(), campaign.machineDetection());
        String outcome = result instanceof PlaceResult.Placed ? "placed" : result instanceof PlaceResult.Refused ? "refused" : "unknown";
        request.stop(twilioRequests(outcome));
        count(campaign, outcome);
        if (result instanceof PlaceResult.Refused refused) {
            // Twilio's error codes are a fixed, documented set: a tag of few values.
            meters.counter("dialer.twilio.errors", "operation", "create_call", "code", refused.code()).increment();
        }
        if (result instanceof PlaceResult.Placed placed) {
            attempts.markPlaced(attempt.attemptId(), attempt.sessionId(), placed.callSid(), attempt.callerId());
            stats.placed();
            log.info("Call placed to {} (session {}, attempt {}): {}", masked, attempt.sessionId(),
                    attempt.attemptNumber(), placed.callSid());
        } else if (result instanceof PlaceResult.Refused refused) {
            refused(campaign, attempt, refused, stats);
        } else {
            String detail = ((PlaceResult.Unknown) result).detail();
            if (!attempts.markUnknown(attempt.attemptId(), detail) && attempts.recordSidFromSession(attempt.attemptId())) {
                // The call's final callback ended the attempt first: the call exists, and its SID came with it.
                stats.placed();
                log.info("Call to {} (session {}) got no clear answer but has ended already; its SID is recorded.",
                        masked, attempt.sessionId());
                return;
            }
            stats.unknown();
            log.warn("Call to {} (session {}) has no clear answer and stays unknown until resolved: {}",
                    masked, attempt.sessionId(), detail);
        }
    }

    /** {@code dialer_twilio_requests_seconds}: create-call requests by what they came to. */
    private Timer twilioRequests(String result) {
        return Timer.builder("dialer.twilio.requests").description("Requests to Twilio's API and how long they took")
                .tag("operation", "create_call").tag("result", result).register(meters);
    }

    /** {@code dialer_calls_total}: each call this worker recorded and what became of its request. */
    private void count(Campaign campaign, String result) {
        Counter.builder("dialer.calls").description("Calls this worker recorded, by campaign and what its create-call request did")
                .tag("campaign", campaign.name()).tag("result", result).register(meters).increment();
    }

    private void refused(Campaign campaign, OpenedAttempt attempt, PlaceResult.Refused refused, DialStats stats) {
        stats.refused();
        String masked = PhoneNumbers.mask(attempt.phoneE164());
        if (refused.numberIsInvalid() || refused.numberOptedOut()) {
            attempts.markNotPlaced(attempt.attemptId(), refused.code(), refused.message());
            contacts.finish(attempt.contactId(), refused.numberIsInvalid() ? "invalid" : "opted-out");
        } else {
            // About our request or account, not the number: no call was made, the contact gets its attempt back.
            attempts.returnAttempt(attempt.attemptId(), attempt.contactId(), refused.code(),
                    "Twilio refused the request: " + refused.message(),
                    clock.instant().plus(campaign.backoffAfter(attempt.attemptsMade())));
            if (refused.httpStatus() != 429) {
                stats.fatal("Twilio refused a call of campaign " + campaign.id() + " with error "
                        + refused.code() + " (" + refused.message() + "); this is about the request or the account, not"
                        + " the number, so the run stops. Check the caller ID, API_URL and the Twilio credentials.");
            }
        }
        log.warn("Twilio refused the call to {} (session {}): {} {}", masked, attempt.sessionId(), refused.code(),
                refused.message());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
