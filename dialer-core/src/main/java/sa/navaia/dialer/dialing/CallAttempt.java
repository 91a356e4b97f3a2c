package sa.navaia.dialer.dialing;

import java.time.Instant;
import java.util.Optional;

/** One row of the compliance record {@code call_attempts}: a decision to dial or not, and what came of it. */
public record CallAttempt(long id, Optional<Long> campaignId, Optional<Long> contactId, Optional<Integer> attemptNumber,
                          String decision, String reasonCode, Optional<String> reasonDetail, String phoneE164,
                          Optional<String> callerId, String status, Optional<String> sessionId,
                          Optional<String> callSid, Optional<String> errorCode, Instant decidedAt,
                          Optional<Instant> placedAt, Optional<String> runId) {
}
