package sa.navaia.dialer.webhook.twilio;

import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.function.Supplier;
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
 * (47 CFR 64.1200(b)(2)), posted to {@code /api/twilio/opt-out/{session}} ({@link KeyPressOptOutHandler}).
 * Without the database the message comes from {@link IdentificationMessages}, for the campaign the action URL names
 * ({@code ?campaign=}); what was said is then recorded once the journal is replayed ({@link IdentificationSaidHandler}).
 * A person whom connect could not hand to an agent at all, before any {@code <Dial>}, hears the same
 * ({@link #agentUnreachable}).
 */
@Singleton
final class AbandonedCalls {

    private static final Logger log = LoggerFactory.getLogger(AbandonedCalls.class);

    private final VoiceSessionRepository sessions;
    private final CampaignPolicyRepository policies;
    private final CallAttemptRepository attempts;
    private final IdentificationMessages identifications;
    private final DialerSettings settings;

    AbandonedCalls(VoiceSessionRepository sessions, CampaignPolicyRepository policies, CallAttemptRepository attempts,
                   IdentificationMessages identifications, DialerSettings settings) {
        this.sessions = sessions;
        this.policies = policies;
        this.attempts = attempts;
        this.identifications = identifications;
        this.settings = settings;
    }

    /** What was answered when no agent took the person's call, and the message said when it was said without the database. */
    record Answer(String twiml, Optional<String> saidWithoutDatabase) {
    }

    /** The identification message's {@code <Gather action>}, with Twilio's connection overrides like every URL we hand it. */
    String optOutUrl(String sessionId) {
        return ConnectionOverrides.withOverrides(settings.receiver().apiUrl() + "/api/twilio/opt-out/" + sessionId);
    }

    /**
     * The TwiML that ends the call once the agent's {@code <Dial>} is over. {@code campaignId} is the one the action
     * URL names, for when the database is away ({@code databaseAway}, or it goes away here).
     */
    Answer afterAgentLeg(String sessionId, String dialCallStatus, Optional<Long> campaignId, boolean databaseAway) {
        if (dialCallStatus == null || !CallStatusUpdates.AGENT_NOT_REACHED.contains(dialCallStatus)) {
            return new Answer(TwiML.HANG_UP, Optional.empty());
        }
        return identifyOr(TwiML.HANG_UP, sessionId, "the agent's leg ended " + dialCallStatus,
                () -> sessions.find(sessionId).flatMap(VoiceSession::campaignId), campaignId, databaseAway);
    }

    /**
     * Connect could not hand the call to an agent before any {@code <Dial>} (the session names an unknown agent,
     * register-call failed, or without the database no agent is reached by {@code <Dial>} or the form names no
     * customer): the person hears the campaign's identification message with the key-press opt-out, as when the agent's
     * leg does not connect, and a campaign without one leaves connect's {@code apology}. {@code campaignId} is the
     * session's, or, when it could not be read, the one the connect URL names ({@code ?campaign=}).
     */
    Answer agentUnreachable(String apology, String sessionId, Optional<Long> campaignId, boolean databaseAway) {
        return identifyOr(apology, sessionId, "the agent could not be reached", () -> campaignId, campaignId, databaseAway);
    }

    /**
     * The identification message of the campaign {@code campaignOfSession} finds in the database, recorded on the
     * attempt, or, when the database is away, the one kept in memory for {@code campaignId} (recorded once the journal
     * is replayed); {@code withoutMessage} when the campaign has none.
     */
    private Answer identifyOr(String withoutMessage, String sessionId, String why, Supplier<Optional<Long>> campaignOfSession,
                              Optional<Long> campaignId, boolean databaseAway) {
        if (databaseAway) {
            return fromMemory(withoutMessage, sessionId, why, campaignId);
        }
        try {
            Optional<Long> campaign = campaignOfSession.get();
            Optional<String> message = campaign.map(policies::of).flatMap(CampaignPolicy::identificationMessage);
            campaign.ifPresent(id -> identifications.remember(id, message));
            if (message.isEmpty()) {
                return new Answer(withoutMessage, Optional.empty());
            }
            attempts.recordIdentificationMessage(sessionId, message.get());
            log.info("Session {}: {}; saying the campaign's identification message", sessionId, why);
            return new Answer(TwiML.identifyWithOptOut(message.get(), optOutUrl(sessionId)), Optional.empty());
        } catch (RuntimeException e) {
            if (!Outages.isOutage(e)) {
                throw e;
            }
            log.warn("Session {}: the database went away reading the identification message ({})", sessionId,
                    Outages.unwrap(e).getMessage());
            return fromMemory(withoutMessage, sessionId, why, campaignId);
        }
    }

    private Answer fromMemory(String withoutMessage, String sessionId, String why, Optional<Long> campaignId) {
        Optional<String> message = campaignId.flatMap(identifications::of);
        if (message.isEmpty()) {
            log.warn("Session {}: {} without the database, and no identification message is kept for campaign {}",
                    sessionId, why, campaignId.map(String::valueOf).orElse("(none named)"));
            return new Answer(withoutMessage, Optional.empty());
        }
        log.info("Session {}: {}; saying campaign {}'s identification message from memory (the database is away)",
                sessionId, why, campaignId.get());
        return new Answer(TwiML.identifyWithOptOut(message.get(), optOutUrl(sessionId)), message);
    }
}
