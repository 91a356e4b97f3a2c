package sa.navaia.dialer.webhook.agent;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.agent.Agent;
import sa.navaia.dialer.agent.AgentConnection;
import sa.navaia.dialer.agent.AgentContext;
import sa.navaia.dialer.agent.AgentContextRepository;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.session.CallStatusUpdates;
import sa.navaia.dialer.session.VoiceSession;
import sa.navaia.dialer.session.VoiceSessionRepository;
import sa.navaia.dialer.twilio.ConnectionOverrides;
import sa.navaia.dialer.webhook.twilio.TwiML;

/**
 * Hands an answered call to its campaign's agent: a {@code <Dial>} to the agent's number (ElevenLabs then asks the
 * personalisation webhook what to know), or the TwiML ElevenLabs' register-call answers with the contact's context.
 * When the agent cannot be reached (unknown agent, ElevenLabs down), the attempt ends {@code agent-unavailable}, which
 * the campaign retries, and connect answers with a short apology ({@link TwiML#AGENT_UNAVAILABLE}, not {@code toAgent}):
 * the connect webhook says the campaign's identification message instead when it has one.
 */
@Singleton
public class AgentConnector {

    /** What connect answers: the TwiML, and whether the call went to an agent. */
    public record Connection(String twiml, boolean toAgent) {
    }

    private static final Logger log = LoggerFactory.getLogger(AgentConnector.class);

    private final DialerSettings settings;
    private final VoiceSessionRepository sessions;
    private final AgentContextRepository recipients;
    private final RegisterCallClient registerCall;

    AgentConnector(DialerSettings settings, VoiceSessionRepository sessions, AgentContextRepository recipients,
                   RegisterCallClient registerCall) {
        this.settings = settings;
        this.sessions = sessions;
        this.recipients = recipients;
        this.registerCall = registerCall;
    }

    public Connection connect(VoiceSession session, Map<String, String> form) {
        Optional<Agent> agent = settings.elevenLabs().agents().find(session.agentName());
        if (agent.isEmpty()) {
            log.error("Session {} names agent \"{}\", which is not configured (known: {}); no agent takes the call",
                    session.id(), session.agentName(), settings.elevenLabs().agents().names());
            return unavailable(session);
        }
        if (agent.get().connection() == AgentConnection.DIAL) {
            String number = agent.get().phoneNumber().orElseThrow();
            sessions.recordConnected(session.id(), number);
            log.info("Returning TwiML to dial ElevenLabs: {}", PhoneNumbers.mask(number));
            return new Connection(TwiML.dialAgent(number, session.customerPhone(),
                    dialResultUrl(session.id(), session.campaignId()), settings.receiver().agentDialTimeoutSeconds()), true);
        }
        AgentContext context = recipients.recipient(session.id()).map(AgentContext::of)
                .orElseGet(AgentContext::unknownRecipient);
        String callSid = form.getOrDefault("CallSid", "");
        try {
            RegisterCallClient.Registered registered = registerCall.register(agent.get(),
                    form.getOrDefault("From", settings.twilio().phoneNumber()), session.customerPhone(), context);
            if (!callSid.isEmpty()) {
                sessions.recordAgentLeg(session.id(), callSid, context.toJson());
            }
            registered.conversationId().ifPresent(id -> sessions.recordConversationId(session.id(), id));
            log.info("Session {} registered with agent {} (conversation {})", session.id(), agent.get().name(),
                    registered.conversationId().orElse("not named"));
            return new Connection(registered.twiml(), true);
        } catch (RegisterCallClient.RegisterCallException e) {
            log.error("Session {}: register-call for agent {} failed ({}); no agent takes the call", session.id(),
                    agent.get().name(), e.getMessage());
            return unavailable(session);
        }
    }

    /**
     * Hands the call to an agent without the database (it is away or too slow, and the customer is on the line): a
     * {@code <Dial>} to the session's agent when the session was read and its agent is dialed, else to the first
     * configured agent reached by {@code <Dial>}, with the customer's number ({@code To} of our outbound call) as the
     * caller ID. Nothing is recorded here: the connect is journaled, and the session is reconciled when it is replayed.
     * With no agent reached by {@code <Dial>} (register-call needs our database's context), the answer is the apology.
     * {@code campaignId} (the session's, or the one the connect URL names) goes into the {@code <Dial action>}.
     */
    public Connection connectWithoutDatabase(String sessionId, Optional<VoiceSession> session, Optional<Long> campaignId,
                                             Map<String, String> form) {
        Optional<Agent> agent = session.flatMap(s -> settings.elevenLabs().agents().find(s.agentName()))
                .filter(a -> a.connection() == AgentConnection.DIAL)
                .or(() -> settings.elevenLabs().agents().all().stream()
                        .filter(a -> a.connection() == AgentConnection.DIAL).findFirst());
        String customer = form.getOrDefault("To", "");
        if (customer.isBlank()) {
            customer = session.map(VoiceSession::customerPhone).orElse("");
        }
        if (agent.isEmpty() || customer.isBlank()) {
            log.error("Connect for session {} without the database: {}; no agent takes the call", sessionId,
                    agent.isEmpty() ? "no agent is reached by <Dial>" : "the form names no customer number (To)");
            return new Connection(TwiML.AGENT_UNAVAILABLE, false);
        }
        String number = agent.get().phoneNumber().orElseThrow();
        log.warn("Connect for session {} without the database: dialing agent {} at {} for {} (journaled; the session is"
                + " reconciled when the database is back)", sessionId, agent.get().name(), PhoneNumbers.mask(number),
                PhoneNumbers.mask(customer));
        return new Connection(TwiML.dialAgent(number, customer,
                dialResultUrl(sessionId, campaignId),
                settings.receiver().agentDialTimeoutSeconds()), true);
    }

    /**
     * The agent's {@code <Dial action>}, with Twilio's connection overrides like every URL we hand Twilio; it names the
     * session's campaign, so that its identification message can be said while the database is away.
     */
    public String dialResultUrl(String sessionId, Optional<Long> campaignId) {
        return ConnectionOverrides.withOverrides(settings.receiver().apiUrl() + "/api/twilio/dial-result/" + sessionId
                + campaignId.map(id -> "?campaign=" + id).orElse(""));
    }

    private Connection unavailable(VoiceSession session) {
        sessions.recordDialResult(session.id(), CallStatusUpdates.AGENT_UNAVAILABLE, null, null);
        return new Connection(TwiML.AGENT_UNAVAILABLE, false);
    }
}
