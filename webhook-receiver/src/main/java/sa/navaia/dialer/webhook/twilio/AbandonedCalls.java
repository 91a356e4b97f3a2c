package sa.navaia.dialer.webhook.twilio;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.campaign.CampaignPolicy;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.dialing.CallAttemptRepository;
import sa.navaia.dialer.session.CallStatusUpdates;
import sa.navaia.dialer.session.VoiceSession;
import sa.navaia.dialer.session.VoiceSessionRepository;
import sa.navaia.dialer.twilio.ConnectionOverrides;
import sa.navaia.dialer.webhook.inbox.Outages;

/**
 * A person answered and the agent's leg did not connect ({@code DialCallStatus} busy, no-answer, failed or canceled):
 * an abandoned call. Twilio runs the {@code <Dial action>}'s answer on the person's call, so that is where the
 * campaign's identification message is said, when it has one (16 CFR 310.4(b)(4)(iii); 47 CFR 64.1200(a)(7)(i)), and
 * recorded on the attempt ({@code call_attempts.identification_message}). The message is said inside a
 * {@code <Gather>}: pressing {@value TwiML#OPT_OUT_KEY} is the automated, key press-activated opt-out the rules ask for
 * (47 CFR 64.1200(b)(2)), posted to {@code /api/twilio/opt-out/{session}} ({@link KeyPressOptOutHandler}). Without a
 * message, or without the database, the call just ends.
 */
@Singleton
final class AbandonedCalls {

    private static final Logger log = LoggerFactory.getLogger(AbandonedCalls.class);

    private final VoiceSessionRepository sessions;
    private final CampaignPolicyRepository policies;
    private final CallAttemptRepository attempts;
    private final DialerSettings settings;

    AbandonedCalls(VoiceSessionRepository sessions, CampaignPolicyRepository policies, CallAttemptRepository attempts,
                   DialerSettings settings) {
        this.settings = settings;
        this.sessions = sessions;
        this.policies = policies;
        this.attempts = attempts;
    }

    /** The identification message's {@code <Gather action>}, with Twilio's connection overrides like every URL we hand it. */
    String optOutUrl(String sessionId) {
        return ConnectionOverrides.withOverrides(settings.receiver().apiUrl() + "/api/twilio/opt-out/" + sessionId);
    }

    /** The TwiML that ends the call once the agent's {@code <Dial>} is over. */
    String afterAgentLeg(String sessionId, String dialCallStatus) {
        if (dialCallStatus == null || !CallStatusUpdates.AGENT_NOT_REACHED.contains(dialCallStatus)) {
            return TwiML.HANG_UP;
        }
        try {
            Optional<String> message = sessions.find(sessionId).flatMap(VoiceSession::campaignId).map(policies::of)
                    .flatMap(CampaignPolicy::identificationMessage);
            if (message.isEmpty()) {
                return TwiML.HANG_UP;
            }
            attempts.recordIdentificationMessage(sessionId, message.get());
            log.info("Session {}: the agent's leg ended {}; saying the campaign's identification message", sessionId,
                    dialCallStatus);
            return TwiML.identifyWithOptOut(message.get(), optOutUrl(sessionId));
        } catch (RuntimeException e) {
            if (!Outages.isOutage(e)) {
                throw e;
            }
            log.warn("Session {}: the database went away reading the identification message ({}); hanging up", sessionId,
                    Outages.unwrap(e).getMessage());
            return TwiML.HANG_UP;
        }
    }
}
