package sa.navaia.dialer.webhook.twilio;

import jakarta.inject.Singleton;
import sa.navaia.dialer.inbox.InboxMessage;
import sa.navaia.dialer.webhook.inbox.InboxHandler;

/**
 * Twilio's fallback requests are kept in the inbox as the record of the error (ErrorCode, ErrorUrl);
 * the call's outcome itself arrives with its status callback.
 */
@Singleton
final class TwilioErrorHandler implements InboxHandler {

    @Override
    public boolean handles(String source, String eventType) {
        return TwilioWebhookController.SOURCE.equals(source) && "error".equals(eventType);
    }

    @Override
    public Applied apply(InboxMessage message) {
        return Applied.done("Twilio error recorded.");
    }
}
