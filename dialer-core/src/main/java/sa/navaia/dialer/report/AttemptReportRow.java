package sa.navaia.dialer.report;

import java.time.Instant;
import sa.navaia.dialer.abandonment.AbandonmentGuard;

/**
 * One line of the compliance report: a decision to dial, or not to dial, one contact, with the rule
 * that decided it and what happened, and how the call's post-call payload was tied to it ({@code matchMethod}:
 * {@code conversation_id}, {@code agent_call_sid}, {@code call_sid}, {@code session_variable}, {@code operator}, or
 * {@code number_time}, a weak match). {@code identificationMessage} is what a person whom no agent reached heard, and
 * {@code keyPressOptOutAt} when they pressed the opt-out key after it. Nullable fields are empty in the report.
 */
public record AttemptReportRow(
        long attemptId,
        Instant decidedAt,
        String decision,
        String reasonCode,
        String reasonDetail,
        Long contactId,
        String customerId,
        String phoneE164,
        String recipientZone,
        String recipientLocalTime,
        String callerId,
        Integer attemptNumber,
        String status,
        String outcome,
        String answeredBy,
        Integer durationSecs,
        String sessionId,
        String callSid,
        String conversationId,
        String extractedIntent,
        String agentLegStatus,
        String errorCode,
        String matchMethod,
        java.time.LocalDate registryDate,
        String consentBasis,
        String voicemailAction,
        String agentCallSid,
        String identificationMessage,
        Instant keyPressOptOutAt) {

    /** The match method of a guess by number and time, which an operator should check. */
    public static final String WEAK_MATCH = "number_time";

    public boolean dialed() {
        return "dial".equals(decision);
    }

    /** A person (not a machine) picked up. */
    private static final String AGENT_UNAVAILABLE = sa.navaia.dialer.eligibility.AttemptOutcome.AGENT_UNAVAILABLE.code();

    public boolean answeredByPerson() {
        return dialed() && ("completed".equals(outcome) || AGENT_UNAVAILABLE.equals(outcome))
                && AbandonmentGuard.answeredByPerson(answeredBy);
    }

    /** Answered by a person, but the call never reached the agent: an abandoned call. */
    public boolean abandoned() {
        return answeredByPerson() && AbandonmentGuard.abandoned(outcome, conversationId, agentLegStatus, agentCallSid);
    }

    /** The hour of day in the recipient's zone, from the stored local time (ISO, e.g. 2026-11-24T09:15-05:00[...]). */
    public Integer recipientLocalHour() {
        if (recipientLocalTime == null) {
            return null;
        }
        int t = recipientLocalTime.indexOf('T');
        if (t < 0 || recipientLocalTime.length() < t + 3) {
            return null;
        }
        try {
            return Integer.parseInt(recipientLocalTime.substring(t + 1, t + 3));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
