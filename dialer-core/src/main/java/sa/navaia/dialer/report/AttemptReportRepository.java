package sa.navaia.dialer.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.abandonment.AbandonmentGuard;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.StreamingQuery;
import sa.navaia.dialer.registry.NationalRegistry;

/** Reads the compliance record ({@code call_attempts}) with what the sessions learned about each call. */
public final class AttemptReportRepository {

    private static final String ROWS = """
            SELECT a.id, a.decided_at, a.decision, a.reason_code, a.reason_detail, a.contact_id, c.customer_id,
                   a.phone_e164, a.recipient_zone, a.recipient_local_time, a.caller_id, a.attempt_number, a.status,
                   a.outcome, a.answered_by, a.duration_secs, a.session_id, a.call_sid, a.error_code,
                   vs.conversation_id, vs.extracted_intent, vs.dial_call_status, vs.match_method, vs.agent_call_sid,
                   a.registry_date, a.voicemail_action, a.identification_message, a.key_press_opt_out_at,
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
               AND (:decision = '' OR a.decision = :decision)
             ORDER BY a.decided_at, a.id""";
    /**
     * What the summary reads of each row, counted by the database in groups of rows alike in all of it (a few dozen
     * groups for a million rows): the recipient's local hour is the two digits after the {@code T} of its local time.
     */
    private static final String SUMMARY_GROUPS = """
            SELECT a.decision, a.reason_code, a.status, a.outcome, a.answered_by,
                   CASE WHEN a.decision = 'dial' AND LOCATE('T', a.recipient_local_time) > 0
                        THEN SUBSTRING(a.recipient_local_time, LOCATE('T', a.recipient_local_time) + 1, 2) END AS local_hour,
                   CASE WHEN vs.conversation_id IS NULL THEN 0 ELSE 1 END AS has_conversation,
                   CASE WHEN vs.agent_call_sid IS NULL THEN 0 ELSE 1 END AS has_agent_call_sid,
                   vs.dial_call_status, vs.match_method, COUNT(*) AS n
              FROM call_attempts a
              LEFT JOIN voice_sessions vs ON vs.id = a.session_id
             WHERE a.campaign_id = :campaignId AND a.decided_at >= :from AND a.decided_at < :to
             GROUP BY a.decision, a.reason_code, a.status, a.outcome, a.answered_by,
                      CASE WHEN a.decision = 'dial' AND LOCATE('T', a.recipient_local_time) > 0
                           THEN SUBSTRING(a.recipient_local_time, LOCATE('T', a.recipient_local_time) + 1, 2) END,
                      CASE WHEN vs.conversation_id IS NULL THEN 0 ELSE 1 END,
                      CASE WHEN vs.agent_call_sid IS NULL THEN 0 ELSE 1 END, vs.dial_call_status, vs.match_method""";
    private static final String IMPORTS = """
            SELECT COALESCE(SUM(imported), 0) AS imported, COALESCE(SUM(suppressed), 0) AS suppressed,
                   COALESCE(SUM(rejected), 0) AS rejected, COALESCE(SUM(duplicates), 0) AS duplicates
              FROM imports WHERE campaign_id = :campaignId""";
    private static final String UNRECONCILED = """
            SELECT COUNT(*) FROM webhook_inbox
             WHERE status = 'unmatched' AND received_at >= :from AND received_at < :to""";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final AbandonmentGuard abandonment;
    private final NationalRegistry registry;
    private final Clock clock;

    public AttemptReportRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.dataSource = dataSource;
        this.abandonment = new AbandonmentGuard(dataSource, clock);
        this.registry = new NationalRegistry(dataSource, clock);
        this.clock = clock;
    }

    /** The report of a period: its summary and compliance lines now, its rows when they are written out. */
    public AttemptReport report(long campaignId, String campaignName, Instant from, Instant to) {
        int unreconciled = jdbc.sql(UNRECONCILED).param("from", SqlTime.utc(from)).param("to", SqlTime.utc(to))
                .query(Integer.class).single();
        AttemptReport.Tally tally = new AttemptReport.Tally();
        jdbc.sql(SUMMARY_GROUPS).param("campaignId", campaignId).param("from", SqlTime.utc(from)).param("to", SqlTime.utc(to))
                .query(rs -> {
                    tally.add(groupRow(rs), rs.getInt("n"));
                });
        ComplianceSummary compliance = jdbc.sql(IMPORTS).param("campaignId", campaignId).query((rs, row) -> new ComplianceSummary(
                rs.getLong("imported"), rs.getLong("suppressed"), rs.getLong("rejected"), rs.getLong("duplicates"),
                registry.oldest().map(NationalRegistry.AreaCode::date), abandonment.rate(campaignId),
                abandonment.events(campaignId))).single();
        return new AttemptReport(campaignName, campaignId, from, to, clock.instant(), tally.summary(unreconciled), unreconciled,
                compliance, new PeriodRows(campaignId, from, to));
    }

    /**
     * One page of the period's rows, {@code decision} ({@code dial} or {@code skip}) or all when null: the console's
     * paged table.
     */
    public List<AttemptReportRow> page(long campaignId, Instant from, Instant to, String decision, int offset, int limit) {
        return jdbc.sql(ROWS + " LIMIT :limit OFFSET :offset").params(rowParams(campaignId, from, to, decision))
                .param("limit", limit).param("offset", offset).query(AttemptReportRepository::map).list();
    }

    private static Map<String, Object> rowParams(long campaignId, Instant from, Instant to, String decision) {
        Map<String, Object> params = new HashMap<>();
        params.put("campaignId", campaignId);
        params.put("from", SqlTime.utc(from));
        params.put("to", SqlTime.utc(to));
        params.put("decision", decision == null ? "" : decision);
        return params;
    }

    /** The rows of one period, streamed from the database each time they are written out. */
    private final class PeriodRows implements ReportRows {
        private final long campaignId;
        private final Instant from;
        private final Instant to;

        PeriodRows(long campaignId, Instant from, Instant to) {
            this.campaignId = campaignId;
            this.from = from;
            this.to = to;
        }

        @Override
        public void forEach(RowHandler handler) throws IOException {
            try {
                StreamingQuery.forEachRow(dataSource, ROWS, rowParams(campaignId, from, to, null), rs -> {
                    try {
                        handler.accept(map(rs, 0));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        @Override
        public List<AttemptReportRow> first(int limit) {
            return page(campaignId, from, to, null, 0, limit);
        }
    }

    /** A row standing for a group of {@link #SUMMARY_GROUPS}: only what the summary reads is filled in. */
    private static AttemptReportRow groupRow(ResultSet rs) throws SQLException {
        String hour = rs.getString("local_hour");
        return new AttemptReportRow(0, null, rs.getString("decision"), rs.getString("reason_code"), null, null, null, null,
                null, hour == null ? null : "T" + hour, null, null, rs.getString("status"), rs.getString("outcome"),
                rs.getString("answered_by"), null, null, null, rs.getInt("has_conversation") == 1 ? "" : null, null,
                rs.getString("dial_call_status"), null, rs.getString("match_method"), null, null, null,
                rs.getInt("has_agent_call_sid") == 1 ? "" : null, null, null);
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
                rs.getString("agent_call_sid"),
                rs.getString("identification_message"),
                SqlTime.instant(rs, "key_press_opt_out_at"));
    }
}
