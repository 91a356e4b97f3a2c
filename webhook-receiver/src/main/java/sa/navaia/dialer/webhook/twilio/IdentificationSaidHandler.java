package sa.navaia.dialer.webhook.twilio;

import jakarta.inject.Singleton;
import sa.navaia.dialer.dialing.CallAttemptRepository;
import sa.navaia.dialer.inbox.InboxMessage;
import sa.navaia.dialer.webhook.inbox.InboxHandler;
import sa.navaia.dialer.webhook.security.FormBody;

/**
 * Records on the attempt the identification message a receiver said from memory while the database was away: the
 * receiver journals what it said ({@value #EVENT}, source {@value #SOURCE}) beside the dial result, and it is applied
 * when the journal is replayed.
 */
@Singleton
final class IdentificationSaidHandler implements InboxHandler {

    static final String SOURCE = "receiver";
    static final String EVENT = "identification-said";

    private final CallAttemptRepository attempts;

    IdentificationSaidHandler(CallAttemptRepository attempts) {
        this.attempts = attempts;
    }

    @Override
    public boolean handles(String source, String eventType) {
        return SOURCE.equals(source) && EVENT.equals(eventType);
    }

    @Override
    public Applied apply(InboxMessage message) {
        if (message.sessionId().isEmpty()) {
            return Applied.unmatched("No session for this identification message.");
        }
        String said = FormBody.parse(message.body()).getOrDefault("message", "");
        attempts.recordIdentificationMessage(message.sessionId().get(), said);
        return Applied.done("Identification message said without the database recorded on the attempt.");
    }
}
