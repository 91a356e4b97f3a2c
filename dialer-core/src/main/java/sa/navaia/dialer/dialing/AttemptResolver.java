package sa.navaia.dialer.dialing;

import com.twilio.base.Page;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.phone.PhoneNumbers;

/**
 * Decides what became of attempts whose create-call request got no clear answer ({@code unknown}) or
 * that a crash left {@code dialing}, by asking Twilio: the calls to that number from the attempt's caller
 * ID ({@code Call.reader().setTo(number).setFrom(callerId)}, newest first, paged), kept when created
 * since the attempt began (their {@code date_created}, compared here: Twilio's {@code StartTime} filter
 * misses a call still queued behind the account's CPS limit, which has no start time). Twilio's call
 * resource does not show the {@code Url}, so a call is ours when it is from the attempt's caller ID, was
 * created at or after the attempt's decision (less the margin), and no other attempt holds its SID. Found: the
 * attempt is {@code placed} with that SID and the contact waits for the call's outcome. Not found: the
 * attempt is {@code not_placed}, the contact gets the attempt back and is due again. Nobody re-dials
 * before this ran. Each pass first gives ended attempts without a SID (their callbacks outran a worker
 * that crashed or got no answer) the SID the receiver attached to their session.
 *
 * <p>Only attempts older than {@code grace} are touched, or those of a run whose heartbeat is older than
 * {@code staleAfter} ({@link RunHeartbeats}: its worker is gone): a younger {@code dialing} attempt may
 * belong to a worker that is alive and still waiting for Twilio's answer (the grace exceeds the client's
 * connect plus read timeout), and listing too early could miss a call that is being created.
 */
public final class AttemptResolver {

    private static final Logger log = LoggerFactory.getLogger(AttemptResolver.class);
    static final Duration MARGIN = Duration.ofMinutes(2);
    private static final int PAGE_SIZE = 50;
    private static final int MAX_PAGES = 20;

    /** What one pass did. {@code unresolved}: Twilio could not be asked; those attempts stay as they were. */
    public record Resolution(int placed, int notPlaced, int unresolved) {
        public int total() {
            return placed + notPlaced + unresolved;
        }
    }

    private final CallAttemptRepository attempts;
    private final TwilioRestClient client;
    private final Clock clock;
    private final Duration grace;
    private final Duration staleAfter;

    public AttemptResolver(CallAttemptRepository attempts, TwilioRestClient client, Clock clock, Duration grace,
                           Duration staleAfter) {
        this.attempts = attempts;
        this.client = client;
        this.clock = clock;
        this.grace = grace;
        this.staleAfter = staleAfter;
    }

    /** Resolves every in-flight attempt older than the grace or of a run whose heartbeat is stale. */
    public Resolution resolveInFlight() {
        int sids = attempts.recordSidsFromSessions();
        if (sids > 0) {
            log.info("{} ended calls whose callbacks outran their worker took their call SID from their session.", sids);
        }
        Instant now = clock.instant();
        return resolveAll(attempts.inFlight(now.minus(grace), now.minus(staleAfter)));
    }

    /**
     * Resolves the run's own attempts still in flight once they are older than the grace (the run's calls
     * are all sent or given up by then). {@code open}: those still younger, left for a later pass.
     */
    public RunResolution resolveRun(String runId) {
        Instant decidedBefore = clock.instant().minus(grace);
        List<CallAttempt> inFlight = attempts.inFlightOfRun(runId);
        List<CallAttempt> due = inFlight.stream().filter(a -> !a.decidedAt().isAfter(decidedBefore)).toList();
        return new RunResolution(due.isEmpty() ? new Resolution(0, 0, 0) : resolveAll(due), inFlight.size() - due.size());
    }

    /** What {@link #resolveRun} did, and how many of the run's attempts are still too young to resolve. */
    public record RunResolution(Resolution resolved, int open) {
    }

    private Resolution resolveAll(List<CallAttempt> inFlight) {
        int placed = 0;
        int notPlaced = 0;
        int unresolved = 0;
        for (CallAttempt attempt : inFlight) {
            switch (resolve(attempt)) {
                case PLACED -> placed++;
                case NOT_PLACED -> notPlaced++;
                case UNRESOLVED -> unresolved++;
            }
        }
        Resolution resolution = new Resolution(placed, notPlaced, unresolved);
        if (resolution.total() > 0) {
            log.info("Resolved in-flight call attempts by listing Twilio's calls: {} placed, {} not placed, {} unresolved.",
                    placed, notPlaced, unresolved);
        }
        return resolution;
    }

    public enum Verdict { PLACED, NOT_PLACED, UNRESOLVED }

    public Verdict resolve(CallAttempt attempt) {
        String masked = PhoneNumbers.mask(attempt.phoneE164());
        List<Call> calls;
        try {
            calls = callsSince(attempt.phoneE164(), attempt.callerId(), attempt.decidedAt().minus(MARGIN));
        } catch (RuntimeException e) {
            log.warn("Attempt {} to {} (session {}) stays {}: Twilio's call list could not be read ({}).",
                    attempt.id(), masked, attempt.sessionId().orElse("-"), attempt.status(), e.getMessage());
            return Verdict.UNRESOLVED;
        }
        Optional<Call> ours = calls.stream()
                .filter(call -> attempt.callerId().map(from -> from.equals(call.getFrom())).orElse(true))
                .filter(call -> call.getDateCreated() == null
                        || !call.getDateCreated().toInstant().isBefore(attempt.decidedAt().minus(MARGIN)))
                .filter(call -> !attempts.isCallSidRecorded(call.getSid()))
                .min(Comparator.comparing(call -> call.getDateCreated() == null ? Instant.MAX : call.getDateCreated().toInstant()));
        long contactId = attempt.contactId().orElse(-1L);
        if (ours.isPresent()) {
            attempts.markPlaced(attempt.id(), attempt.sessionId().orElseThrow(), ours.get().getSid(),
                    attempt.callerId().orElse(null));
            log.info("Attempt {} to {} (session {}) was placed as {}; found in Twilio's call list.",
                    attempt.id(), masked, attempt.sessionId().orElse("-"), ours.get().getSid());
            return Verdict.PLACED;
        }
        attempts.returnAttempt(attempt.id(), contactId, "not_found",
                "no call to this number since the attempt began was found in Twilio's call list", clock.instant());
        log.info("Attempt {} to {} (session {}) was not placed (no call in Twilio's list); the contact gets the attempt"
                + " back and is due again.", attempt.id(), masked, attempt.sessionId().orElse("-"));
        return Verdict.NOT_PLACED;
    }

    /**
     * The calls to {@code to} (from {@code from}, when the attempt has a caller ID) created at or after
     * {@code since}, read newest first page by page until a page holds none that recent. Twilio's
     * {@code StartTime} filter is not used: a call still waiting in the account's CPS queue has no start
     * time and would not match it; its {@code date_created} is set when the request is accepted.
     */
    private List<Call> callsSince(String to, Optional<String> from, Instant since) {
        CallReader reader = Call.reader().setTo(to);
        from.ifPresent(reader::setFrom);
        reader.pageSize(PAGE_SIZE);
        List<Call> calls = new ArrayList<>();
        Page<Call> page = reader.firstPage(client);
        for (int pages = 1; ; pages++) {
            boolean anyRecent = false;
            for (Call call : page.getRecords()) {
                if (call.getDateCreated() == null || !call.getDateCreated().toInstant().isBefore(since)) {
                    calls.add(call);
                    anyRecent = true;
                }
            }
            if (!anyRecent || !page.hasNextPage()) {
                return calls;
            }
            if (pages >= MAX_PAGES) {
                throw new IllegalStateException("more than " + MAX_PAGES * PAGE_SIZE + " calls to this number since "
                        + since + "; resolve it by hand");
            }
            page = reader.nextPage(page, client);
        }
    }
}
