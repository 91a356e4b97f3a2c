package sa.navaia.dialer.webhook.initiate;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.DoNotCallScope;
import sa.navaia.dialer.session.NewSession;
import sa.navaia.dialer.session.SessionIds;
import sa.navaia.dialer.session.SessionStatus;
import sa.navaia.dialer.session.VoiceSessionRepository;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.twilio.TwilioClients;

/**
 * Interim {@link CallInitiator}: a valid E.164 number, not on the system do-not-call list, then a session
 * and one Twilio call. Calling window and the shared rate limit come with dialer-core's dialing rules.
 */
@Singleton
final class TwilioCallInitiator implements CallInitiator {

    private static final Logger log = LoggerFactory.getLogger(TwilioCallInitiator.class);
    /** The system list only: an API call belongs to no campaign, and campaign ids start at 1. */
    private static final long NO_CAMPAIGN = 0;

    private final DialerSettings settings;
    private final VoiceSessionRepository sessions;
    private final DoNotCallRepository doNotCall;
    private final TwilioRestClient twilio;

    TwilioCallInitiator(DialerSettings settings, VoiceSessionRepository sessions, DoNotCallRepository doNotCall) {
        this.settings = settings;
        this.sessions = sessions;
        this.doNotCall = doNotCall;
        this.twilio = TwilioClients.create(settings.twilio());
    }

    @Override
    public Placed initiate(Request request) {
        String phone = request.phone().strip();
        if (!isValidE164(phone)) {
            throw new CallRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-number",
                    "The phone number " + PhoneNumbers.mask(phone) + " is not a valid E.164 number of any country.", null);
        }
        if (doNotCall.listing(phone, NO_CAMPAIGN).filter(DoNotCallScope::isSystem).isPresent()) {
            throw new CallRefusedException(HttpStatus.CONFLICT, "do-not-call",
                    "The number " + PhoneNumbers.mask(phone) + " is on the system do-not-call list.", null);
        }
        log.info("Initiating outbound call to customer {} at {}", request.customerId(), PhoneNumbers.mask(phone));
        String sessionId = SessionIds.next();
        sessions.create(new NewSession(sessionId, request.agentType(), phone, request.customerId(), null, null, null));
        log.info("✅ VoiceSession created: {}", sessionId);
        String apiUrl = settings.receiver().apiUrl().toString();
        Call call;
        try {
            call = Call.creator(new PhoneNumber(phone), new PhoneNumber(settings.twilio().phoneNumber()),
                            URI.create(apiUrl + "/api/twilio/connect/" + sessionId))
                    .setStatusCallback(URI.create(apiUrl + "/api/twilio/status/" + sessionId))
                    .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
                    .setStatusCallbackMethod(com.twilio.http.HttpMethod.POST)
                    .create(twilio);
        } catch (ApiConnectionException e) {
            throw unreachable(sessionId, e);
        } catch (ApiException e) {
            if (e.getCode() == null) {
                // No answer at all (a dropped connection): whether the call was placed is unknown.
                throw unreachable(sessionId, e);
            }
            log.error("Twilio refused the call for session {}: {} {}", sessionId, e.getCode(), e.getMessage());
            throw new CallRefusedException(HttpStatus.BAD_GATEWAY, "carrier-refused",
                    "Twilio refused the call (" + e.getCode() + "): " + e.getMessage(), sessionId);
        }
        sessions.attachCallSid(sessionId, call.getSid(), settings.twilio().phoneNumber());
        if (call.getStatus() != null) {
            SessionStatus.fromCode(call.getStatus().toString()).ifPresent(status -> sessions.advance(sessionId, status));
        }
        log.info("✅ Twilio call initiated: SID={}", call.getSid());
        return new Placed(sessionId, call.getSid());
    }

    private CallRefusedException unreachable(String sessionId, RuntimeException e) {
        log.error("Twilio at {} did not answer for session {}: {}", settings.twilio().apiOrigin(), sessionId, e.getMessage());
        return new CallRefusedException(HttpStatus.BAD_GATEWAY, "carrier-unreachable",
                "Twilio at " + settings.twilio().apiOrigin() + " did not answer; the session " + sessionId
                        + " is kept and no call was confirmed.", sessionId);
    }

    private static boolean isValidE164(String phone) {
        if (!phone.startsWith("+")) {
            return false;
        }
        try {
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            return util.isValidNumber(util.parse(phone, "ZZ"));
        } catch (NumberParseException e) {
            return false;
        }
    }
}
