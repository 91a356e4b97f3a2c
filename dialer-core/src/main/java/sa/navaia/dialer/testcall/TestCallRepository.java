package sa.navaia.dialer.testcall;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.session.NewSession;
import sa.navaia.dialer.session.VoiceSessionRepository;

/**
 * A test call's records: its compliance row in {@code call_attempts} (the campaign's, with no contact and no attempt
 * number, reason {@value #REASON}) and its voice session (the campaign's, no contact, speaking to the agent as
 * {@code context_contact_id}), committed together before the create-call request. No contact row is touched.
 */
public final class TestCallRepository {

    /** The reason code of a test call's compliance row. */
    public static final String REASON = "test_call";
    /** The run id of a test call's compliance row. */
    public static final String RUN_ID = "test-call";

    private static final String INSERT_ATTEMPT = """
            INSERT INTO call_attempts (campaign_id, contact_id, attempt_number, decision, reason_code, reason_detail,
                                       phone_e164, caller_id, recipient_zone, recipient_local_time, status,
                                       session_id, run_id, decided_at)
            VALUES (:campaignId, NULL, NULL, 'dial', 'test_call', :detail, :phone, :callerId, :zone, :localTime,
                    'dialing', :sessionId, 'test-call', :now)""";
    private static final String CONTACT_CAMPAIGN = "SELECT campaign_id FROM contacts WHERE id = :id";
    private static final String PROGRESS = """
            SELECT vs.status, vs.connected_at, vs.agent_context, vs.answered_by, vs.extracted_intent, vs.summary,
                   vs.match_method, vs.conversation_id, a.status AS attempt_status, a.outcome, a.error_message
              FROM voice_sessions vs
              LEFT JOIN call_attempts a ON a.id = vs.attempt_id
             WHERE vs.id = :id""";

    /** Where a test call stands, as the receiver recorded it. Every field but the status may be null. */
    public record Progress(String sessionStatus, Instant connectedAt, String agentContext, String answeredBy,
                           String intent, String summary, String matchMethod, String conversationId,
                           String attemptStatus, String outcome, String error) {
    }

    private final JdbcClient jdbc;
    private final VoiceSessionRepository sessions;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public TestCallRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.sessions = new VoiceSessionRepository(dataSource, clock);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    /** The campaign the contact belongs to; empty when there is no such contact. */
    public Optional<Long> campaignOfContact(long contactId) {
        return jdbc.sql(CONTACT_CAMPAIGN).param("id", contactId).query(Long.class).optional();
    }

    /**
     * Records the decision to dial and the session, committed together; answers the attempt's id.
     *
     * @param zone      the recipient's zone when the number has one, else null
     * @param localTime the recipient's local time with its offset, else null
     */
    public long open(TestCallPlan plan, String sessionId, String zone, String localTime) {
        return transaction.execute(status -> {
            Instant now = clock.instant();
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql(INSERT_ATTEMPT).param("campaignId", plan.campaignId()).param("detail", plan.detail())
                    .param("phone", plan.phoneE164()).param("callerId", plan.callerId()).param("zone", zone)
                    .param("localTime", localTime).param("sessionId", sessionId).param("now", SqlTime.utc(now))
                    .update(keys, "id");
            long attemptId = keys.getKey().longValue();
            sessions.create(new NewSession(sessionId, plan.agentName(), plan.phoneE164(), null, plan.campaignId(), null,
                    attemptId, plan.asContactId().orElse(null)));
            return attemptId;
        });
    }

    public Optional<Progress> progress(String sessionId) {
        return jdbc.sql(PROGRESS).param("id", sessionId).query(TestCallRepository::progress).optional();
    }

    private static Progress progress(ResultSet rs, int row) throws SQLException {
        return new Progress(rs.getString("status"), SqlTime.instant(rs, "connected_at"), rs.getString("agent_context"),
                rs.getString("answered_by"), rs.getString("extracted_intent"), rs.getString("summary"),
                rs.getString("match_method"), rs.getString("conversation_id"), rs.getString("attempt_status"),
                rs.getString("outcome"), rs.getString("error_message"));
    }
}
