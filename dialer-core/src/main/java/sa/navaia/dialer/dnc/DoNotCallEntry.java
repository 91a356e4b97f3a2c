package sa.navaia.dialer.dnc;

import java.time.Instant;
import java.util.Optional;

/** A number on a do-not-call list, with where it came from (opt-out, manual, import, api). */
public record DoNotCallEntry(
        String phoneE164, DoNotCallScope scope, String source, Optional<String> reason,
        Optional<String> sessionId, Instant addedAt) {
}
