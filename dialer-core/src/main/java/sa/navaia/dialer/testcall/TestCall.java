package sa.navaia.dialer.testcall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.dialing.CallAttemptRepository;
import sa.navaia.dialer.dialing.CallPlacer;
import sa.navaia.dialer.dialing.PlaceResult;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.phone.ParseResult;
import sa.navaia.dialer.phone.PhoneNumber;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.phone.ZoneLookup;
import sa.navaia.dialer.ratelimit.CallRateLimiter;
import sa.navaia.dialer.session.SessionIds;

/**
 * Places one call now through a campaign's agent, outside its list: to an operator's number, optionally speaking to the
 * agent as one of the campaign's contacts. The same path as an API call: the number (libphonenumber: E.164, no
 * emergency, premium-rate, shared-cost or short codes) and the do-not-call lists, then the rate tokens (caller ID,
 * campaign, account), then the compliance row and the session committed together, then the create-call request, then
 * its result on the row. The contact it speaks as is not called and its attempts do not change.
 */
public final class TestCall {

    /** How long a test call waits for its rate tokens before it gives up. */
    static final Duration LONGEST_RATE_WAIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(TestCall.class);

    /** A call Twilio created. */
    public record Placed(String sessionId, long attemptId, String callSid) {
    }

    private final PhoneNumbers phoneNumbers;
    private final DoNotCallRepository doNotCall;
    private final TestCallRepository records;
    private final CallAttemptRepository attempts;
    private final CallRateLimiter rateLimiter;
    private final CallPlacer placer;
    private final Clock clock;

    public TestCall(PhoneNumbers phoneNumbers, DoNotCallRepository doNotCall, TestCallRepository records,
                    CallAttemptRepository attempts, CallRateLimiter rateLimiter, CallPlacer placer, Clock clock) {
        this.phoneNumbers = phoneNumbers;
        this.doNotCall = doNotCall;
        this.records = records;
        this.attempts = attempts;
        this.rateLimiter = rateLimiter;
        this.placer = placer;
        this.clock = clock;
    }

    /**
     * Checks the call and answers its plan, or refuses it with one sentence ({@link IllegalArgumentException}):
     * a cancelled campaign, a number that is not E.164 or may never be dialed, a number on a do-not-call list, a
     * contact that is not the campaign's.
     */
    public TestCallPlan plan(Campaign campaign, String to, Optional<Long> asContact) {
        if (campaign.status() == CampaignStatus.CANCELLED) {
            throw new IllegalArgumentException("Campaign " + campaign.name() + " is cancelled; a cancelled campaign places no calls.");
        }
        String raw = to == null ? "" : to.strip();
        if (!raw.startsWith("+")) {
            throw new IllegalArgumentException("--to must be an E.164 number, like +19383362295; got \"" + raw + "\".");
        }
        ParseResult parsed = phoneNumbers.parse(raw, campaign.defaultRegion(), Set.of());
        if (parsed instanceof ParseResult.Invalid invalid) {
            throw new IllegalArgumentException(invalid.message());
        }
        PhoneNumber number = ((ParseResult.Valid) parsed).number();
        String phone = number.e164();
        doNotCall.listing(phone, campaign.id()).ifPresent(scope -> {
            throw new IllegalArgumentException(PhoneNumbers.mask(phone) + " is on the " + (scope.isSystem() ? "system"
                    : "campaign's") + " do-not-call list; it is not called, not even for a test.");
        });
        asContact.ifPresent(id -> {
            long owner = records.campaignOfContact(id).orElseThrow(() -> new IllegalArgumentException(
                    "There is no contact " + id + "; --as-contact takes the id of one of campaign " + campaign.name()
                            + "'s contacts (the report's contact column)."));
            if (owner != campaign.id()) {
                throw new IllegalArgumentException("Contact " + id + " belongs to campaign " + owner + ", not to "
                        + campaign.name() + "; --as-contact takes one of this campaign's contacts.");
            }
        });
        List<ZoneId> zones = phoneNumbers.zonesFor(number, Optional.empty()) instanceof ZoneLookup.Found found
                ? found.zones() : List.of();
        return new TestCallPlan(campaign.id(), campaign.agentName(), campaign.callerId(), campaign.machineDetection(),
                campaign.callsPerSecond(), phone, zones.size() == 1 ? Optional.of(zones.get(0)) : Optional.empty(), asContact);
    }

    /**
     * Places the planned call: its rate tokens, its records, the create-call request. Throws {@link IllegalStateException}
     * with a sentence when the rate is used up, Twilio refuses the call, or Twilio does not answer clearly (the attempt is
     * then left {@code unknown} for the worker's resolver).
     */
    public Placed place(TestCallPlan plan) throws InterruptedException {
        if (rateLimiter.acquire(plan.callerId(), plan.campaignId(), plan.campaignCallsPerSecond(), LONGEST_RATE_WAIT).isEmpty()) {
            throw new IllegalStateException("The call rate of caller ID " + PhoneNumbers.mask(plan.callerId())
                    + ", of the campaign or of the account is used up for the next " + LONGEST_RATE_WAIT.toSeconds()
                    + " s (a dial run is busy); try again in a moment.");
        }
        String sessionId = SessionIds.next();
        Optional<ZoneId> zone = plan.zone();
        Instant now = clock.instant();
        long attemptId = records.open(plan, sessionId, zone.map(ZoneId::getId).orElse(null),
                zone.map(z -> now.truncatedTo(ChronoUnit.SECONDS).atZone(z).toOffsetDateTime().toString()).orElse(null));
        log.info("Test call of campaign {} to {}: session {}, attempt {}", plan.campaignId(), PhoneNumbers.mask(plan.phoneE164()),
                sessionId, attemptId);
        PlaceResult result = placer.place(plan.phoneE164(), plan.callerId(), sessionId, plan.campaignId(),
                plan.machineDetection());
        if (result instanceof PlaceResult.Placed placed) {
            attempts.markPlaced(attemptId, sessionId, placed.callSid(), plan.callerId());
            return new Placed(sessionId, attemptId, placed.callSid());
        }
        if (result instanceof PlaceResult.Refused refused) {
            attempts.markNotPlaced(attemptId, refused.code(), refused.message());
            throw new IllegalStateException("Twilio refused the call (" + refused.code() + "): " + refused.message()
                    + " Nothing was placed; session " + sessionId + " is kept.");
        }
        String detail = ((PlaceResult.Unknown) result).detail();
        attempts.markUnknown(attemptId, detail);
        throw new IllegalStateException("Twilio gave no clear answer (" + detail + "); whether the call was placed is"
                + " unknown. Session " + sessionId + " is kept and the worker resolves its attempt " + attemptId + ".");
    }
}
