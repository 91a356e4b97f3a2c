package sa.navaia.dialer.dnc;

import java.time.Instant;
import java.util.Optional;

/**
 * A number on a do-not-call list, with where it came from ({@code opt-out}, {@code manual}, {@code import}, {@code api}),
 * why, the call it was said in, who put it there and when.
 */
public record DoNotCallEntry(
        String phoneE164, DoNotCallScope scope, String source, Optional<String> reason,
        Optional<String> sessionId, Optional<String> addedBy, Instant addedAt) {
}
