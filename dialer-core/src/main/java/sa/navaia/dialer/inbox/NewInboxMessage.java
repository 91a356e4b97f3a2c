package sa.navaia.dialer.inbox;

/** A verified webhook payload as received, before it is stored. Ids are what the request named, when it named them. */
public record NewInboxMessage(
        String source, String eventType, String dedupeKey, String sessionId, String callSid,
        String conversationId, String requestPath, String contentType, String body) {
}
