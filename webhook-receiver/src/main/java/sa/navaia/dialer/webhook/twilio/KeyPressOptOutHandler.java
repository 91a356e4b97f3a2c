package sa.navaia.dialer.webhook.twilio;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import sa.navaia.dialer.dialing.CallAttemptRepository;
import sa.navaia.dialer.dnc.DoNotCallScope;
import sa.navaia.dialer.dnc.OptOuts;
import sa.navaia.dialer.inbox.InboxMessage;
import sa.navaia.dialer.session.VoiceSession;
import sa.navaia.dialer.session.VoiceSessionRepository;
import sa.navaia.dialer.webhook.inbox.InboxHandler;
import sa.navaia.dialer.webhook.security.FormBody;

/**
 * Applies the key pressed after the identification message: {@value TwiML#OPT_OUT_KEY} puts the called number on the
 * do-not-call list as an opt-out said in a call does ({@link OptOuts}: the system list, and the campaign's own when its
 * policy says so) and records it on the attempt; any other key changes nothing. Without a session (the receiver was
 * journaling when the call was placed, or the session is gone) the number Twilio called ({@code To}) is listed anyway.
 */
@Singleton
final class KeyPressOptOutHandler implements InboxHandler {

    static final String EVENT = "opt-out";
    /** Who the do-not-call entries name as having added them. */
    static final String ADDED_BY = "key-press";

    private final VoiceSessionRepository sessions;
    private final OptOuts optOuts;
    private final CallAttemptRepository attempts;

    KeyPressOptOutHandler(VoiceSessionRepository sessions, OptOuts optOuts, CallAttemptRepository attempts) {
        this.sessions = sessions;
        this.optOuts = optOuts;
        this.attempts = attempts;
    }

    static boolean optsOut(String digits) {
        return TwiML.OPT_OUT_KEY.equals(digits);
    }

    @Override
    public boolean handles(String source, String eventType) {
        return TwilioWebhookController.SOURCE.equals(source) && EVENT.equals(eventType);
    }

    @Override
    public Applied apply(InboxMessage message) {
        Map<String, String> form = FormBody.parse(message.body());
        String digits = form.getOrDefault("Digits", "");
        if (!optsOut(digits)) {
            return Applied.done("Key \"" + digits + "\" pressed after the identification message: no opt-out.");
        }
        String callSid = form.getOrDefault("CallSid", "");
        Optional<VoiceSession> session = message.sessionId().flatMap(sessions::find);
        String reason = "Pressed " + TwiML.OPT_OUT_KEY + " after the identification message (call " + callSid + ")";
        if (session.isEmpty()) {
            List<DoNotCallScope> listed = optOuts.record(form.get("To"), Optional.empty(), null, reason, ADDED_BY);
            return Applied.unmatched("No session " + message.sessionId().orElse("(none)") + " for this key-press opt-out; "
                    + (listed.isEmpty() ? "the form names no number (To) to list." : "the called number is on the system list."));
        }
        List<DoNotCallScope> listed = optOuts.record(session.get().customerPhone(), session.get().campaignId(),
                session.get().id(), reason, ADDED_BY);
        attempts.recordKeyPressOptOut(session.get().id(), message.receivedAt());
        return Applied.done("Opted out by key press; listed on " + listed.stream().map(DoNotCallScope::code).toList() + ".");
    }
}
