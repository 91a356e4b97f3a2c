package sa.navaia.dialer.session;

import java.time.Instant;
import java.util.Optional;

/** A voice session: one call to one customer, from creation to its transcript. */
public record VoiceSession(
        String id,
        SessionStatus status,
        String agentName,
        String customerPhone,
        Optional<String> customerId,
        Optional<Long> campaignId,
        Optional<Long> contactId,
        Optional<Long> attemptId,
        Optional<String> callSid,
        Optional<String> conversationId,
        Optional<Integer> lastSequenceNumber,
        Optional<String> answeredBy,
        Optional<Integer> durationSecs,
        Optional<String> extractedIntent,
        Optional<String> dialCallStatus,
        Optional<String> agentCallSid,
        Instant createdAt,
        Instant updatedAt) {
}
