package sa.navaia.dialer.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * One call the sandbox was asked to place, and the truth about how it went: what the model decided
 * ({@code plannedOutcome}, {@code plannedConversation}), what Twilio would report ({@code status},
 * {@code answeredBy}), whether the agent was reached, and what the callbacks went through.
 * {@code settled} is true once the call ended and every webhook about it was delivered or given up.
 *
 * <p>The agent's side: {@code dialTarget} is the number TwiML {@code <Dial>}ed; {@code agentId} the agent that
 * number (or a register-call stream) reached; {@code agentCallSid} the Twilio call ElevenLabs saw: the call that arrived
 * on the agent's number (its own {@code CA…} SID, not the {@code <Dial>}'s child leg that the dial action names in
 * {@code DialCallSid}: the harsher reading where Twilio's docs are silent) or, with register-call, the call itself; {@code reachedAgent} is true once a conversation started. {@code agentContext} is what the agent was told:
 * {@code source} ({@code personalization_webhook}, {@code register_call} or {@code system_only}),
 * {@code dynamicVariables} (exactly the variables it was given, without its own {@code system__} ones) and
 * {@code overrides} (the fields it applied, by dotted path such as {@code agent.first_message}); or, when it refused
 * to start, {@code source} and {@code refused} (the reason). {@code failedDeliveries} counts Twilio requests given up;
 * {@code failedAgentWebhooks} ElevenLabs requests (personalisation, post-call) that failed, each sent once.
 *
 * <p>Twilio's side: {@code droppedCallbacks} status callbacks never sent (the drop knob); {@code webhookRetries}
 * retries Twilio made (by default only after a failed connection, once); {@code machineDetectionMillis} how long
 * answering machine detection took ({@code MachineDetectionDuration}, null without detection or before it ended);
 * {@code errorCode} the Twilio error that made the call fetch {@code FallbackUrl} or end with the application error
 * (11200 HTTP retrieval failure, 11205 connection failure, 12100 document parse failure), {@code fallbackUsed} whether
 * {@code FallbackUrl} was fetched; {@code agentLegStatus} the {@code DialCallStatus} of the {@code <Dial>}'s leg (null
 * without a dial); {@code warnings} Twilio warnings the create request raised (21626, 21262); {@code heard} what the
 * callee heard said ({@code <Say>} of the TwiML the call ran, the {@code <Dial action>}'s answer included);
 * {@code keysPressed} the keys the callee pressed at each {@code <Gather>}
 * that took any ({@code Digits}); {@code ringTimeoutSeconds} how long the call
 * rings before it is given up as {@code no-answer}: the create request's {@code Timeout} (60 without one).
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
        String agentId,
        String agentCallSid,
        String sessionId,
        String conversationId,
        Map<String, Object> agentContext,
        String scriptedIntent,
        int callbacksEmitted,
        int duplicatedCallbacks,
        int reorderedCallbacks,
        int failedDeliveries,
        int failedAgentWebhooks,
        boolean settled,
        int droppedCallbacks,
        int webhookRetries,
        Long machineDetectionMillis,
        Integer errorCode,
        boolean fallbackUsed,
        String agentLegStatus,
        java.util.List<Integer> warnings,
        java.util.List<String> heard,
        java.util.List<String> keysPressed,
        int ringTimeoutSeconds) {
}
