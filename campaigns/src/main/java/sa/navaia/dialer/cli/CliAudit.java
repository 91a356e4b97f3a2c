package sa.navaia.dialer.cli;

import java.time.Clock;
import javax.sql.DataSource;
import sa.navaia.dialer.audit.AuditLog;

/**
 * The audit log's entries for changes made from the command line, in the same words as the console's: the actor is
 * {@code cli:<the operating-system user>}, so the audit page shows who changed what from a shell.
 */
final class CliAudit {

    static final String ACTOR = "cli:" + System.getProperty("user.name", "operator");

    private CliAudit() {
    }

    static void record(DataSource dataSource, String action, String target, String detail) {
        new AuditLog(dataSource, Clock.systemUTC()).record(ACTOR, action, target, detail);
    }
}
