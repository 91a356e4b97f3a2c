package sa.navaia.dialer.webhook.agent;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.agent.AgentContext;
import sa.navaia.dialer.agent.AgentContextRepository;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.session.VoiceSessionRepository;

/**
 * Ties ElevenLabs' personalisation request to the session being connected and says what the agent should know.
 * ElevenLabs sees only the leg that arrives at the agent's number: its caller is the customer (connect sets the
 * {@code <Dial>}'s caller ID to them) and its called number the agent's. The session is the one connect handed to that
 * number for that customer within {@link #CONNECT_WINDOW}; its arriving leg's SID is recorded so the transcript can be
 * matched by identity. Two sessions that fit are not guessed between: the agent gets the safe defaults.
 */
@Singleton
final class Personalizer {

    /** How long after connect served its {@code <Dial>} the agent's leg may arrive (ringing the agent's number included). */
    static final Duration CONNECT_WINDOW = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(Personalizer.class);

    record Request(String callerId, String agentId, String calledNumber, String callSid) {
    }

    private final VoiceSessionRepository sessions;
    private final AgentContextRepository recipients;
    private final Clock clock;

    Personalizer(VoiceSessionRepository sessions, AgentContextRepository recipients, Clock clock) {
        this.sessions = sessions;
        this.recipients = recipients;
        this.clock = clock;
    }

    AgentContext personalize(Request request) {
        try {
            List<AgentContextRepository.LegCandidate> candidates = recipients.legCandidates(request.callSid(),
                    request.callerId(), request.calledNumber(), clock.instant().minus(CONNECT_WINDOW));
            Optional<AgentContextRepository.LegCandidate> asked = candidates.stream()
                    .filter(AgentContextRepository.LegCandidate::legRecorded).findFirst();
            if (asked.isPresent()) {
                return AgentContext.of(asked.get().recipient()); // ElevenLabs asked twice for the same leg
            }
            if (candidates.size() != 1) {
                unknown(request, candidates);
                return AgentContext.unknownRecipient();
            }
            AgentContext.Recipient recipient = candidates.get(0).recipient();
            AgentContext context = AgentContext.of(recipient);
            if (!sessions.recordAgentLeg(recipient.sessionId(), request.callSid(), context.toJson())) {
                log.error("Personalisation: session {} has another agent leg than {}; answering the safe defaults",
                        recipient.sessionId(), request.callSid());
                return AgentContext.unknownRecipient();
            }
            log.info("Personalisation: agent {} leg {} is session {} ({} variables)", request.agentId(),
                    request.callSid(), recipient.sessionId(), context.dynamicVariables().size());
            return context;
        } catch (RuntimeException e) {
            log.error("Personalisation for {} failed ({}); answering the safe defaults so the agent still speaks",
                    request.callSid(), e.getMessage());
            return AgentContext.unknownRecipient();
        }
    }

    private void unknown(Request request, List<AgentContextRepository.LegCandidate> candidates) {
        if (candidates.isEmpty()) {
            log.error("Personalisation: no session was connected to {} for caller {} in the last {} (leg {}); "
                    + "answering the safe defaults", request.calledNumber(), PhoneNumbers.mask(request.callerId()),
                    CONNECT_WINDOW, request.callSid());
        } else {
            log.error("Personalisation: {} sessions were connected to {} for caller {} ({}); not guessing, answering "
                    + "the safe defaults", candidates.size(), request.calledNumber(), PhoneNumbers.mask(request.callerId()),
                    candidates.stream().map(c -> c.recipient().sessionId()).toList());
        }
    }
}
