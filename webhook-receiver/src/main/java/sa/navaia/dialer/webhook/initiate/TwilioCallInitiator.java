package sa.navaia.dialer.webhook.initiate;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.agent.Agent;
import sa.navaia.dialer.agent.UnknownAgentException;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.consent.Consent;
import sa.navaia.dialer.consent.ConsentRepository;
import sa.navaia.dialer.dialing.CallAttemptRepository;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.DoNotCallScope;
import sa.navaia.dialer.eligibility.CampaignRules;
import sa.navaia.dialer.eligibility.Decision;
import sa.navaia.dialer.eligibility.DialCandidate;
import sa.navaia.dialer.eligibility.EligibilityRules;
import sa.navaia.dialer.eligibility.ReasonCode;
import sa.navaia.dialer.eligibility.RegistryStatus;
import sa.navaia.dialer.phone.ParseResult;
import sa.navaia.dialer.phone.PhoneNumber;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.phone.ZoneLookup;
import sa.navaia.dialer.ratelimit.CallRateLimiter;
import sa.navaia.dialer.registry.NationalRegistry;
import sa.navaia.dialer.registry.RegistryCheck;
import sa.navaia.dialer.session.NewSession;
import sa.navaia.dialer.state.CallCounts;
import sa.navaia.dialer.state.StateRules;
import sa.navaia.dialer.session.SessionIds;
import sa.navaia.dialer.session.SessionStatus;
import sa.navaia.dialer.session.VoiceSessionRepository;
import sa.navaia.dialer.twilio.ConnectionOverrides;
import sa.navaia.dialer.twilio.TwilioClients;
import sa.navaia.dialer.window.CallingWindow;
import sa.navaia.dialer.window.RegionWindows;

/**
 * Places one call now through the rules a campaign's calls go through: the number (libphonenumber: no
 * emergency, premium-rate, shared-cost or short codes), the system do-not-call list, the default
 * calling window (08:00-21:00 in every zone of the number), the recipient's state's rules (hours, and calls per 24
 * hours counted with every campaign's), the shared rate limit, and the at-most-once
 * record (the attempt and its session are stored before the create-call request). Every decision is
 * written to {@code call_attempts} like a campaign's, with no campaign and no contact.
 */
@Singleton
final class TwilioCallInitiator implements CallInitiator {

    private static final Logger log = LoggerFactory.getLogger(TwilioCallInitiator.class);
    /** The system list only: an API call belongs to no campaign, and campaign ids start at 1. */
    private static final long NO_CAMPAIGN = 0;
    /** A request may wait this long for a rate-limit token; beyond it the caller gets 429 and retries. */
    private static final Duration LONGEST_RATE_WAIT = Duration.ofSeconds(2);
    private static final CampaignRules API_RULES = new CampaignRules(false, 1, Duration.ZERO,
            CallingWindow.DEFAULT, RegionWindows.NONE, Set.of());

    private final DialerSettings settings;
    private final VoiceSessionRepository sessions;
    private final DoNotCallRepository doNotCall;
    private final CallAttemptRepository attempts;
    private final CallRateLimiter rateLimiter;
    private final PhoneNumbers phoneNumbers;
    private final CallCounts callCounts;
    private final ConsentRepository consents;
    private final Optional<RegistryCheck> registry;
    private final Clock clock;
    private final TwilioRestClient twilio;

    TwilioCallInitiator(DialerSettings settings, VoiceSessionRepository sessions, DoNotCallRepository doNotCall,
                        CallAttemptRepository attempts, CallRateLimiter rateLimiter, PhoneNumbers phoneNumbers,
                        CallCounts callCounts, ConsentRepository consents, NationalRegistry nationalRegistry, Clock clock) {
        this.settings = settings;
        this.sessions = sessions;
        this.doNotCall = doNotCall;
        this.attempts = attempts;
        this.rateLimiter = rateLimiter;
        this.phoneNumbers = phoneNumbers;
        this.callCounts = callCounts;
        this.consents = consents;
        this.registry = settings.dialing().nationalRegistryRequired()
                ? Optional.of(new RegistryCheck(nationalRegistry, consents)) : Optional.empty();
        this.clock = clock;
        this.twilio = TwilioClients.create(settings.twilio());
    }

    @Override
    public Placed initiate(Request request) {
        Agent agent;
        try {
            agent = settings.elevenLabs().agents().require(request.agentType());
        } catch (UnknownAgentException e) {
            throw new CallRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-agent", e.getMessage(), null);
        }
        String raw = request.phone().strip();
        if (!raw.startsWith("+")) {
            throw new CallRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-number",
                    "The phone number must be E.164, like +19383362295; got " + PhoneNumbers.mask(raw) + ".", null);
        }
        ParseResult parsed = phoneNumbers.parse(raw, "US", Set.of());
        if (parsed instanceof ParseResult.Invalid invalid) {
            throw new CallRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, invalid.reason().code().replace('_', '-'), invalid.message(), null);
        }
        PhoneNumber number = ((ParseResult.Valid) parsed).number();
        String phone = number.e164();
        String callerId = settings.twilio().phoneNumber();
        Instant now = clock.instant();
        Decision decision = consented(request, number)
                ? EligibilityRules.decide(candidate(number), API_RULES, now)
                : new Decision(Decision.Action.SKIP, ReasonCode.NO_CONSENT, "No consent basis is on record for "
                        + PhoneNumbers.mask(phone) + "; give one in the request's consent object (basis, source, captured_at,"
                        + " text_version, method) or record it with ops/dialer consent record.", Optional.empty(),
                        Optional.empty(), Optional.empty());
        if (!decision.dial()) {
            attempts.recordApiDecision(phone, callerId, decision, null);
            HttpStatus status = decision.reasonCode() == ReasonCode.DO_NOT_CALL_SYSTEM ? HttpStatus.CONFLICT
                    : HttpStatus.UNPROCESSABLE_ENTITY;
            log.info("Call to {} refused: {}", PhoneNumbers.mask(phone), decision.detail());
            throw new CallRefusedException(status, decision.code().replace('_', '-'), decision.detail(), null);
        }
        waitForRateToken(callerId);

        log.info("Initiating outbound call to customer {} at {}", request.customerId(), PhoneNumbers.mask(phone));
        String sessionId = SessionIds.next();
        sessions.create(new NewSession(sessionId, agent.name(), phone, request.customerId(), null, null, null));
        long attemptId = attempts.recordApiDecision(phone, callerId, decision, sessionId);
        log.info("✅ VoiceSession created: {}", sessionId);
        String apiUrl = settings.receiver().apiUrl().toString();
        Call call;
        try {
            call = Call.creator(new com.twilio.type.PhoneNumber(phone), new com.twilio.type.PhoneNumber(callerId),
                            URI.create(ConnectionOverrides.withOverrides(apiUrl + "/api/twilio/connect/" + sessionId)))
                    .setFallbackUrl(URI.create(ConnectionOverrides.withOverrides(apiUrl + "/api/twilio/error")))
                    .setStatusCallback(URI.create(ConnectionOverrides.withOverrides(apiUrl + "/api/twilio/status/" + sessionId)))
                    .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
                    .setStatusCallbackMethod(com.twilio.http.HttpMethod.POST)
                    .create(twilio);
        } catch (ApiConnectionException e) {
            attempts.markUnknown(attemptId, e.getMessage());
            throw unreachable(sessionId, e);
        } catch (ApiException e) {
            if (e.getCode() == null) {
                // No answer at all (a dropped connection): whether the call was placed is unknown.
                attempts.markUnknown(attemptId, e.getMessage());
                throw unreachable(sessionId, e);
            }
            attempts.markNotPlaced(attemptId, e.getCode().toString(), e.getMessage());
            log.error("Twilio refused the call for session {}: {} {}", sessionId, e.getCode(), e.getMessage());
            throw new CallRefusedException(HttpStatus.BAD_GATEWAY, "carrier-refused",
                    "Twilio refused the call (" + e.getCode() + "): " + e.getMessage(), sessionId);
        }
        attempts.markPlaced(attemptId, sessionId, call.getSid(), callerId);
        if (call.getStatus() != null) {
            SessionStatus.fromCode(call.getStatus().toString()).ifPresent(status -> sessions.advance(sessionId, status));
        }
        log.info("✅ Twilio call initiated: SID={}", call.getSid());
        return new Placed(sessionId, call.getSid());
    }

    /**
     * Records the consent the request vouches for, then asks whether the number has one: an AI voice is an artificial
     * voice (FCC 24-17), so no call goes out without a consent basis.
     */
    private boolean consented(Request request, PhoneNumber number) {
        request.consent().ifPresent(given -> consents.record(new ConsentRepository.NewConsent(number.e164(),
                request.customerId(), Consent.Basis.of(given.basis()), given.source(), given.capturedAt(), given.textVersion(),
                given.method(), "api")));
        return consents.active(number.e164()).isPresent();
    }

    private DialCandidate candidate(PhoneNumber number) {
        List<ZoneId> zones = phoneNumbers.zonesFor(number, Optional.empty()) instanceof ZoneLookup.Found found
                ? found.zones() : List.of();
        boolean onSystemList = doNotCall.listing(number.e164(), NO_CAMPAIGN).filter(DoNotCallScope::isSystem).isPresent();
        Optional<String> state = phoneNumbers.subdivisionOf(number);
        CallCounts.Recent recent = StateRules.forSubdivision(state).filter(rule -> rule.maxCallsPer24Hours().isPresent()).isPresent()
                ? callCounts.since(number.e164(), clock.instant().minus(Duration.ofHours(24))) : CallCounts.Recent.NONE;
        return new DialCandidate(0, number.e164(), zones, number.regionCode(), state,
                true, 0, Optional.empty(), onSystemList, false, CampaignStatus.ACTIVE, true, recent,
                "US".equals(number.regionCode()) ? registry.map(check -> check.of(number.e164())).orElse(RegistryStatus.NOT_APPLICABLE)
                        : RegistryStatus.NOT_APPLICABLE);
    }

    /**
     * Waits for the call's rate tokens like a campaign's call, up to {@link #LONGEST_RATE_WAIT}. Beyond it
     * nothing is booked and the caller gets 429: trying again and again would spend the caller ID's and
     * the account's tokens each time another bucket refused.
     */
    private void waitForRateToken(String callerId) {
        try {
            if (rateLimiter.acquire(callerId, NO_CAMPAIGN, settings.dialing().accountCallsPerSecond(), LONGEST_RATE_WAIT).isEmpty()) {
                throw new CallRefusedException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "The call rate of caller ID "
                        + PhoneNumbers.mask(callerId) + " or of the account is used up for the next "
                        + LONGEST_RATE_WAIT.toSeconds() + " s; try again later.", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the call rate", e);
        }
    }

    private CallRefusedException unreachable(String sessionId, RuntimeException e) {
        log.error("Twilio at {} did not answer for session {}: {}", settings.twilio().apiOrigin(), sessionId, e.getMessage());
        return new CallRefusedException(HttpStatus.BAD_GATEWAY, "carrier-unreachable",
                "Twilio at " + settings.twilio().apiOrigin() + " did not answer; the session " + sessionId
                        + " is kept and no call was confirmed.", sessionId);
    }
}
