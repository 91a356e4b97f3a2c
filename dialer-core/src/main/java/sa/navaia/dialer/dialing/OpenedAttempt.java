package sa.navaia.dialer.dialing;

import java.time.Instant;

/**
 * A dial attempt committed before its API call: the contact is claimed, the session exists.
 * {@code attemptNumber} numbers the row (returned attempts included); {@code attemptsMade} is the contact's
 * count of attempts with this one, which the backoff follows.
 */
public record OpenedAttempt(long attemptId, long contactId, int attemptNumber, int attemptsMade, String sessionId,
                            String phoneE164,
                            String callerId, Instant decidedAt) {
}
