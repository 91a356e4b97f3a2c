package sa.navaia.dialer.dnc;

import java.time.Instant;

/** An entry taken off a list: the entry as it was, who took it off, why and when. */
public record DoNotCallRemoval(DoNotCallEntry entry, String removedBy, String reason, Instant removedAt) {
}
