package sa.navaia.dialer.inbox;

import java.time.Instant;
import java.util.Optional;

/** A stored webhook payload (a row of {@code webhook_inbox}). */
public record InboxMessage(
        long id, String source, String eventType, String dedupeKey, Optional<String> sessionId,
        Optional<String> callSid, Optional<String> conversationId, String requestPath, Optional<String> contentType,
        String body, InboxStatus status, int attempts, Optional<String> lastError, Instant receivedAt,
        Optional<Instant> nextAttemptAt, Optional<Instant> processedAt) {
}
