package sa.navaia.dialer.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;

/** Voice sessions (the seed's {@code voice_sessions}) and their outbound {@code calls} rows. */
public final class VoiceSessionRepository {

    private static final String INSERT_SESSION = """
            INSERT INTO voice_sessions (id, status, agent_name, customer_phone, created_at, customer_id, campaign_id,
                                        contact_id, attempt_id, updated_at)
            VALUES (:id, 'created', :agentName, :phone, :now, :customerId, :campaignId, :contactId, :attemptId, :now)""";
    private static final String INSERT_CALL = """
            INSERT INTO calls (direction, status, created_at, session_id, to_number, updated_at)
            VALUES ('outbound', 'created', :now, :id, :phone, :now)""";
    private static final String ATTACH_CALL_SID_TO_SESSION = """
            UPDATE voice_sessions SET call_sid = :callSid, updated_at = :now WHERE id = :id AND call_sid IS NULL""";
    private static final String ATTACH_CALL_SID_TO_CALL = """
            UPDATE calls SET call_sid = :callSid, from_number = :from, updated_at = :now
             WHERE session_id = :id AND call_sid IS NULL""";
    private static final String ADVANCE_SESSION = """
            UPDATE voice_sessions SET status = :status, updated_at = :now
             WHERE id = :id AND status IN (:predecessors)""";
    private static final String ADVANCE_CALL = """
            UPDATE calls SET status = :status, updated_at = :now
             WHERE session_id = :id AND status IN (:predecessors)""";
    private static final String SELECT = "SELECT * FROM voice_sessions";

    private final JdbcClient jdbc;
    private final Clock clock;

    public VoiceSessionRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    /** Creates the session and its outbound call row, both {@code created}. Run it inside the attempt's transaction. */
    public void create(NewSession session) {
        Object now = SqlTime.utc(clock.instant());
        jdbc.sql(INSERT_SESSION).param("id", session.id()).param("agentName", session.agentName())
                .param("phone", session.customerPhone()).param("customerId", session.customerId())
                .param("campaignId", session.campaignId()).param("contactId", session.contactId())
                .param("attemptId", session.attemptId()).param("now", now).update();
        jdbc.sql(INSERT_CALL).param("id", session.id()).param("phone", session.customerPhone()).param("now", now).update();
    }

    /** Records the call SID Twilio gave the session's call; a SID is attached once and never replaced. */
    public boolean attachCallSid(String sessionId, String callSid, String fromNumber) {
        Object now = SqlTime.utc(clock.instant());
        int sessions = jdbc.sql(ATTACH_CALL_SID_TO_SESSION).param("callSid", callSid).param("id", sessionId)
                .param("now", now).update();
        jdbc.sql(ATTACH_CALL_SID_TO_CALL).param("callSid", callSid).param("from", fromNumber).param("id", sessionId)
                .param("now", now).update();
        return sessions == 1;
    }

    /**
     * Moves the session (and its call row) forward to {@code next}; a move backwards, out of a terminal
     * state, or to the same state changes nothing and answers false.
     */
    public boolean advance(String sessionId, SessionStatus next) {
        Object now = SqlTime.utc(clock.instant());
        var predecessors = SessionStatus.predecessorCodes(next);
        if (predecessors.isEmpty()) {
            return false;
        }
        int moved = jdbc.sql(ADVANCE_SESSION).param("status", next.code()).param("id", sessionId)
                .param("predecessors", predecessors).param("now", now).update();
        if (next != SessionStatus.TRANSCRIBED) {
            jdbc.sql(ADVANCE_CALL).param("status", next.code()).param("id", sessionId)
                    .param("predecessors", predecessors).param("now", now).update();
        }
        return moved == 1;
    }

    public Optional<VoiceSession> find(String sessionId) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", sessionId).query(VoiceSessionRepository::map).optional();
    }

    public Optional<VoiceSession> findByCallSid(String callSid) {
        return jdbc.sql(SELECT + " WHERE call_sid = :sid").param("sid", callSid).query(VoiceSessionRepository::map).optional();
    }

    static VoiceSession map(ResultSet rs, int row) throws SQLException {
        return new VoiceSession(
                rs.getString("id"),
                SessionStatus.fromCode(rs.getString("status")).orElseThrow(),
                rs.getString("agent_name"),
                rs.getString("customer_phone"),
                Optional.ofNullable(rs.getString("customer_id")),
                Optional.ofNullable(rs.getObject("campaign_id", Long.class)),
                Optional.ofNullable(rs.getObject("contact_id", Long.class)),
                Optional.ofNullable(rs.getObject("attempt_id", Long.class)),
                Optional.ofNullable(rs.getString("call_sid")),
                Optional.ofNullable(rs.getString("conversation_id")),
                Optional.ofNullable(rs.getObject("last_sequence_number", Integer.class)),
                Optional.ofNullable(rs.getString("answered_by")),
                Optional.ofNullable(rs.getObject("duration_secs", Integer.class)),
                Optional.ofNullable(rs.getString("extracted_intent")),
                SqlTime.instant(rs, "created_at"),
                SqlTime.instant(rs, "updated_at"));
    }
}
