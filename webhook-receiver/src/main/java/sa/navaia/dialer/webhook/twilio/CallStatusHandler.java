package sa.navaia.dialer.webhook.twilio;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.inbox.InboxMessage;
import sa.navaia.dialer.session.CallOutcomeListener;
import sa.navaia.dialer.session.CallStatusUpdates;
import sa.navaia.dialer.session.SessionStatus;
import sa.navaia.dialer.session.VoiceSession;
import sa.navaia.dialer.session.VoiceSessionRepository;
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

    private final VoiceSessionRepository sessions;
    private final CallStatusUpdates updates;

    CallStatusHandler(VoiceSessionRepository sessions, CallOutcomeListener outcomes, Clock clock) {
        this.sessions = sessions;
        this.updates = new CallStatusUpdates(sessions, outcomes, clock);
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
        if (!updates.apply(session, status.get(), answeredBy, duration)) {
            return Applied.done("Session and call already past " + status.get().code() + "; nothing moved.");
        }
        if (status.get() == SessionStatus.IN_PROGRESS) {
            log.info("✅ Call answered for session {}", session.id());
        }
        return Applied.done("Moved to " + status.get().code() + ".");
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
