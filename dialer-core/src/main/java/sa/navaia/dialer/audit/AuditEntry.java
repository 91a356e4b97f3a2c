package sa.navaia.dialer.audit;

import java.time.Instant;

/** One line of the audit log: who did what to what, and when. */
public record AuditEntry(long id, Instant at, String username, String action, String target, String detail) {
}
