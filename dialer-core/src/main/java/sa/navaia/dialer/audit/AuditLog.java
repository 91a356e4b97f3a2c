package sa.navaia.dialer.audit;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.report.ReportCsv;

/**
 * The audit log in {@code audit_log}: who created, changed, started, paused, cancelled, imported,
 * exported or erased what. Entries are only ever added.
 */
public final class AuditLog {

    private static final String INSERT = """
            INSERT INTO audit_log (at, username, action, target, detail) VALUES (:at, :username, :action, :target, :detail)""";
    private static final String PAGE = """
            SELECT * FROM audit_log
             WHERE (:anyAction = 1 OR action = :action) AND (:anyUser = 1 OR username = :username)
             ORDER BY id DESC LIMIT :limit OFFSET :offset""";

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    public void record(String username, String action, String target, String detail) {
        jdbc.sql(INSERT).param("at", SqlTime.utc(clock.instant())).param("username", username).param("action", action)
                .param("target", truncate(target, 200)).param("detail", truncate(detail, 2000)).update();
    }

    /** How an entry names a campaign: {@code campaign 7 "Spring renewals"}. */
    public static String target(sa.navaia.dialer.campaign.Campaign campaign) {
        return "campaign " + campaign.id() + " \"" + campaign.name() + "\"";
    }

    /** Newest first; a null {@code action} or {@code username} matches every entry. */
    public List<AuditEntry> page(String action, String username, int limit, int offset) {
        return jdbc.sql(PAGE).param("anyAction", action == null ? 1 : 0).param("action", action == null ? "" : action)
                .param("anyUser", username == null ? 1 : 0).param("username", username == null ? "" : username)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> new AuditEntry(rs.getLong("id"), SqlTime.instant(rs, "at"), rs.getString("username"),
                        rs.getString("action"), rs.getString("target"), rs.getString("detail"))).list();
    }

    /** The entries as CSV, newest first, with the same safety as the compliance report's cells. */
    public static void writeCsv(List<AuditEntry> entries, java.io.Writer out) throws java.io.IOException {
        ReportCsv.line(out, List.of("id", "at_utc", "username", "action", "target", "detail"));
        for (AuditEntry e : entries) {
            ReportCsv.line(out, java.util.Arrays.asList(Long.toString(e.id()), e.at().toString(), e.username(), e.action(),
                    e.target(), e.detail()));
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
