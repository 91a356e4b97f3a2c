package sa.navaia.dialer.dialing;

import java.time.Instant;

/** A dial attempt committed before its API call: the contact is claimed, the session exists. */
public record OpenedAttempt(long attemptId, long contactId, int attemptNumber, String sessionId, String phoneE164,
                            String callerId, Instant decidedAt) {
}
