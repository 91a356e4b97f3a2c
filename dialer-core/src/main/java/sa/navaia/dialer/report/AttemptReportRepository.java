package sa.navaia.dialer.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.abandonment.AbandonmentGuard;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.registry.NationalRegistry;

/** Reads the compliance record ({@code call_attempts}) with what the sessions learned about each call. */
public final class AttemptReportRepository {

    private static final String ROWS = """
            SELECT a.id, a.decided_at, a.decision, a.reason_code, a.reason_detail, a.contact_id, c.customer_id,
                   a.phone_e164, a.recipient_zone, a.recipient_local_time, a.caller_id, a.attempt_number, a.status,
                   a.outcome, a.answered_by, a.duration_secs, a.session_id, a.call_sid, a.error_code,
                   vs.conversation_id, vs.extracted_intent, vs.dial_call_status, vs.match_method, vs.agent_call_sid,
                   a.registry_date, a.voicemail_action,
                   COALESCE((SELECT cs.basis FROM consents cs
                              WHERE cs.phone_e164 = a.phone_e164 AND cs.captured_at <= a.decided_at
                                AND (cs.revoked_at IS NULL OR cs.revoked_at > a.decided_at)
                              ORDER BY cs.captured_at DESC LIMIT 1),
                            CASE WHEN c.consent AND c.consent_source IS NULL THEN 'list'
                                 WHEN c.consent THEN CONCAT('list: ', c.consent_source) END)
                     AS consent_basis
              FROM call_attempts a
              LEFT JOIN contacts c ON c.id = a.contact_id
              LEFT JOIN voice_sessions vs ON vs.id = a.session_id
             WHERE a.campaign_id = :campaignId AND a.decided_at >= :from AND a.decided_at < :to
             ORDER BY a.decided_at, a.id""";
    private static final String IMPORTS = """
            SELECT COALESCE(SUM(imported), 0) AS imported, COALESCE(SUM(suppressed), 0) AS suppressed,
                   COALESCE(SUM(rejected), 0) AS rejected, COALESCE(SUM(duplicates), 0) AS duplicates
              FROM imports WHERE campaign_id = :campaignId""";
    private static final String UNRECONCILED = """
            SELECT COUNT(*) FROM webhook_inbox
             WHERE status = 'unmatched' AND received_at >= :from AND received_at < :to""";

    private final JdbcClient jdbc;
    private final AbandonmentGuard abandonment;
    private final NationalRegistry registry;
    private final Clock clock;

    public AttemptReportRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.abandonment = new AbandonmentGuard(dataSource, clock);
        this.registry = new NationalRegistry(dataSource, clock);
        this.clock = clock;
    }

    public AttemptReport report(long campaignId, String campaignName, Instant from, Instant to) {
        List<AttemptReportRow> rows = jdbc.sql(ROWS).param("campaignId", campaignId)
                .param("from", SqlTime.utc(from)).param("to", SqlTime.utc(to))
                .query(AttemptReportRepository::map).list();
        int unreconciled = jdbc.sql(UNRECONCILED).param("from", SqlTime.utc(from)).param("to", SqlTime.utc(to))
                .query(Integer.class).single();
        ComplianceSummary compliance = jdbc.sql(IMPORTS).param("campaignId", campaignId).query((rs, row) -> new ComplianceSummary(
                rs.getLong("imported"), rs.getLong("suppressed"), rs.getLong("rejected"), rs.getLong("duplicates"),
                registry.latest().map(NationalRegistry.Snapshot::date), abandonment.rate(campaignId),
                abandonment.events(campaignId))).single();
        return new AttemptReport(campaignName, campaignId, from, to, clock.instant(), rows, unreconciled, compliance);
    }

    private static AttemptReportRow map(ResultSet rs, int row) throws SQLException {
        return new AttemptReportRow(
                rs.getLong("id"),
                SqlTime.instant(rs, "decided_at"),
                rs.getString("decision"),
                rs.getString("reason_code"),
                rs.getString("reason_detail"),
                rs.getObject("contact_id", Long.class),
                rs.getString("customer_id"),
                rs.getString("phone_e164"),
                rs.getString("recipient_zone"),
                rs.getString("recipient_local_time"),
                rs.getString("caller_id"),
                rs.getObject("attempt_number", Integer.class),
                rs.getString("status"),
                rs.getString("outcome"),
                rs.getString("answered_by"),
                rs.getObject("duration_secs", Integer.class),
                rs.getString("session_id"),
                rs.getString("call_sid"),
                rs.getString("conversation_id"),
                rs.getString("extracted_intent"),
                rs.getString("dial_call_status"),
                rs.getString("error_code"),
                rs.getString("match_method"),
                rs.getObject("registry_date", java.time.LocalDate.class),
                rs.getString("consent_basis"),
                rs.getString("voicemail_action"),
                rs.getString("agent_call_sid"));
    }
}
