package sa.navaia.dialer.webhook.twilio;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.inbox.InboxMessage;
import sa.navaia.dialer.session.CallOutcomeListener;
import sa.navaia.dialer.session.SessionStatus;
import sa.navaia.dialer.session.VoiceSession;
import sa.navaia.dialer.session.VoiceSessionRepository;
import sa.navaia.dialer.webhook.agent.AgentConnector;
import sa.navaia.dialer.webhook.inbox.InboxHandler;
import sa.navaia.dialer.webhook.security.FormBody;

/**
 * Applies Twilio status callbacks and connects: the session and its call row only move forward, a
 * callback with a lower {@code SequenceNumber} than one applied is ignored, and the final outcome is
 * recorded on the attempt and handed to the {@link CallOutcomeListener} exactly once.
 */
@Singleton
final class CallStatusHandler implements InboxHandler {

    private static final Logger log = LoggerFactory.getLogger(CallStatusHandler.class);
    /** Twilio's {@code DialCallStatus} values of an agent leg that never spoke, and ours for an unreachable agent. */
    private static final java.util.Set<String> AGENT_NOT_REACHED =
            java.util.Set.of("busy", "no-answer", "failed", "canceled", AgentConnector.AGENT_UNAVAILABLE);

    private final VoiceSessionRepository sessions;
    private final CallOutcomeListener outcomes;
    private final Clock clock;

    CallStatusHandler(VoiceSessionRepository sessions, CallOutcomeListener outcomes, Clock clock) {
        this.sessions = sessions;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    @Override
    public boolean handles(String source, String eventType) {
        return TwilioWebhookController.SOURCE.equals(source) && ("status".equals(eventType) || "connect".equals(eventType));
    }

    @Override
    public Applied apply(InboxMessage message) {
        Optional<VoiceSession> found = message.sessionId().flatMap(sessions::find);
        if (found.isEmpty()) {
            return Applied.unmatched("No session " + message.sessionId().orElse("(none)") + " for this Twilio callback.");
        }
        VoiceSession session = found.get();
        Map<String, String> form = FormBody.parse(message.body());
        String callSid = form.get("CallSid");
        if (callSid != null && !callSid.isEmpty() && session.callSid().isEmpty()) {
            sessions.attachCallSid(session.id(), callSid, form.get("From"));
        }
        if ("connect".equals(message.eventType())) {
            sessions.advance(session.id(), SessionStatus.IN_PROGRESS);
            return Applied.done("Connected to the agent.");
        }
        Optional<SessionStatus> status = SessionStatus.fromCode(form.getOrDefault("CallStatus", ""));
        if (status.isEmpty()) {
            return Applied.done("Unknown CallStatus \"" + form.get("CallStatus") + "\" recorded, not applied.");
        }
        Optional<Integer> sequence = integer(form.get("SequenceNumber"));
        if (sequence.isPresent() && !sessions.acceptSequence(session.id(), sequence.get())) {
            return Applied.done("Sequence " + sequence.get() + " is not newer than the last applied; ignored.");
        }
        String answeredBy = blankToNull(form.get("AnsweredBy"));
        Integer duration = integer(form.get("CallDuration")).orElse(null);
        sessions.recordCallDetails(session.id(), answeredBy, duration);
        if (!sessions.advance(session.id(), status.get())) {
            return Applied.done("Session and call already past " + status.get().code() + "; nothing moved.");
        }
        if (status.get() == SessionStatus.IN_PROGRESS) {
            log.info("✅ Call answered for session {}", session.id());
        }
        if (status.get().isTerminal()) {
            ended(session, status.get(), answeredBy, duration);
        }
        return Applied.done("Moved to " + status.get().code() + ".");
    }

    private void ended(VoiceSession session, SessionStatus status, String answeredBy, Integer duration) {
        Instant now = clock.instant();
        VoiceSession current = sessions.find(session.id()).orElse(session);
        String answered = answeredBy != null ? answeredBy : current.answeredBy().orElse(null);
        String outcome = outcome(status, answered, current.dialCallStatus().orElse(null));
        sessions.markEnded(session.id(), now);
        sessions.recordAttemptOutcome(session.id(), outcome, answered,
                duration != null ? duration : current.durationSecs().orElse(null), now);
        outcomes.callEnded(current, outcome, now);
        log.info("Call ended for session {}: {}", session.id(), outcome);
    }

    /**
     * Voicemail when a machine answered; agent-unavailable when a person answered but the agent's leg failed
     * ({@code <Dial action>}'s {@code DialCallStatus}) or ElevenLabs could not be reached: the person never reached
     * an agent, so the call is not completed and the campaign calls again.
     */
    static String outcome(SessionStatus status, String answeredBy, String dialCallStatus) {
        if (status != SessionStatus.COMPLETED) {
            return status.code();
        }
        if (answeredBy != null && answeredBy.startsWith("machine")) {
            return "voicemail";
        }
        return dialCallStatus != null && AGENT_NOT_REACHED.contains(dialCallStatus) ? AgentConnector.AGENT_UNAVAILABLE : status.code();
    }

    private static Optional<Integer> integer(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static Integer integerOrNull(String value) {
        return integer(value).orElse(null);
    }
}
