package sa.navaia.dialer.webhook.twilio;

import jakarta.inject.Singleton;
import java.util.Map;
import sa.navaia.dialer.inbox.InboxMessage;
import sa.navaia.dialer.session.VoiceSessionRepository;
import sa.navaia.dialer.webhook.inbox.InboxHandler;
import sa.navaia.dialer.webhook.security.FormBody;

/** Records the agent leg's result ({@code DialCallStatus}, {@code DialCallSid}, {@code DialCallDuration}) on the session. */
@Singleton
final class DialResultHandler implements InboxHandler {

    private final VoiceSessionRepository sessions;

    DialResultHandler(VoiceSessionRepository sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean handles(String source, String eventType) {
        return TwilioWebhookController.SOURCE.equals(source) && "dial-result".equals(eventType);
    }

    @Override
    public Applied apply(InboxMessage message) {
        String sessionId = message.sessionId().orElse("(none)");
        if (message.sessionId().flatMap(sessions::find).isEmpty()) {
            return Applied.unmatched("No session " + sessionId + " for this dial result.");
        }
        Map<String, String> form = FormBody.parse(message.body());
        sessions.recordDialResult(sessionId, form.get("DialCallStatus"), form.get("DialCallSid"),
                CallStatusHandler.integerOrNull(form.get("DialCallDuration")));
        return Applied.done("Dial result " + form.get("DialCallStatus") + " recorded.");
    }
}
