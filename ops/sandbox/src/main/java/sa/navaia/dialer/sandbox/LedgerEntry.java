package sa.navaia.dialer.sandbox;

import java.time.Instant;

/**
 * One call the sandbox was asked to place, and the truth about how it went: what the model decided
 * ({@code plannedOutcome}, {@code plannedConversation}), what Twilio would report ({@code status},
 * {@code answeredBy}), whether the agent was reached, and what the callbacks went through.
 * {@code settled} is true once the call ended and every webhook about it was delivered or given up.
 */
public record LedgerEntry(
        Instant receivedAt,
        String callSid,
        String to,
        String from,
        int attempt,
        boolean scripted,
        Outcome plannedOutcome,
        Conversation plannedConversation,
        long queueTimeMillis,
        Instant startedAt,
        Instant endedAt,
        String status,
        String answeredBy,
        int durationSeconds,
        boolean reachedAgent,
        String dialTarget,
        String sessionId,
        String conversationId,
        String scriptedIntent,
        int callbacksEmitted,
        int duplicatedCallbacks,
        int reorderedCallbacks,
        int failedDeliveries,
        boolean settled) {
}
