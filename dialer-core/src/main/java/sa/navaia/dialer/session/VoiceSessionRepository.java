package sa.navaia.dialer.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;

/** Voice sessions (the seed's {@code voice_sessions}) and their outbound {@code calls} rows. */
public final class VoiceSessionRepository {

    private static final String INSERT_SESSION = """
            INSERT INTO voice_sessions (id, status, agent_name, customer_phone, created_at, customer_id, campaign_id,
                                        contact_id, attempt_id, context_contact_id, updated_at)
            VALUES (:id, 'created', :agentName, :phone, :now, :customerId, :campaignId, :contactId, :attemptId,
                    :contextContactId, :now)""";
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
    /** {@link #attachCallSid} and {@link #advance} to {@code queued} in one statement per table. */
    private static final String QUEUE_SESSION = """
            UPDATE voice_sessions SET call_sid = COALESCE(call_sid, :callSid),
                   status = CASE WHEN status IN (:predecessors) THEN :status ELSE status END, updated_at = :now
             WHERE id = :id""";
    /** MySQL assigns left to right, each seeing the ones before: from_number is set while call_sid is still NULL. */
    private static final String QUEUE_CALL = """
            UPDATE calls SET from_number = CASE WHEN call_sid IS NULL THEN :from ELSE from_number END,
                   call_sid = COALESCE(call_sid, :callSid),
                   status = CASE WHEN status IN (:predecessors) THEN :status ELSE status END, updated_at = :now
             WHERE session_id = :id""";
    private static final String SELECT = "SELECT * FROM voice_sessions";
    private static final String ACCEPT_SEQUENCE = """
            UPDATE voice_sessions SET last_sequence_number = :seq, updated_at = :now
             WHERE id = :id AND (last_sequence_number IS NULL OR last_sequence_number < :seq)""";
    private static final String CALL_DETAILS_OF_SESSION = """
            UPDATE voice_sessions SET answered_by = COALESCE(:answeredBy, answered_by),
                   duration_secs = COALESCE(:duration, duration_secs), updated_at = :now
             WHERE id = :id""";
    private static final String CALL_DETAILS_OF_CALL = """
            UPDATE calls SET answered_by = COALESCE(:answeredBy, answered_by),
                   duration_secs = COALESCE(:duration, duration_secs), updated_at = :now
             WHERE session_id = :id""";
    private static final String ENDED = """
            UPDATE voice_sessions SET ended_at = COALESCE(ended_at, :endedAt), updated_at = :now WHERE id = :id""";
    private static final String DIAL_RESULT = """
            UPDATE voice_sessions SET dial_call_status = :status, dial_call_sid = COALESCE(:dialSid, dial_call_sid),
                   dial_duration_secs = COALESCE(:duration, dial_duration_secs), updated_at = :now
             WHERE id = :id""";
    private static final String ATTEMPT_OUTCOME = """
            UPDATE call_attempts SET outcome = :outcome, answered_by = :answeredBy, duration_secs = :duration,
                   ended_at = :endedAt, status = 'ended'
             WHERE session_id = :id""";
    private static final String BY_PHONE_BETWEEN = """
            SELECT * FROM voice_sessions
             WHERE customer_phone = :phone AND created_at BETWEEN :from AND :to AND conversation_id IS NULL
             ORDER BY created_at DESC LIMIT 1""";

    private static final String CONNECTED = """
            UPDATE voice_sessions SET agent_number = :agentNumber, connected_at = COALESCE(connected_at, :now),
                   updated_at = :now
             WHERE id = :id""";
    private static final String AGENT_LEG = """
            UPDATE voice_sessions SET agent_call_sid = :agentCallSid, agent_context = :context,
                   connected_at = COALESCE(connected_at, :now), updated_at = :now
             WHERE id = :id AND (agent_call_sid IS NULL OR agent_call_sid = :agentCallSid)""";
    private static final String CONVERSATION = """
            UPDATE voice_sessions SET conversation_id = :cid, updated_at = :now
             WHERE id = :id AND conversation_id IS NULL""";
    /** An operator ties a conversation nothing matched to this session: the reconciler then matches it by that. */
    private static final String ATTACH_BY_OPERATOR = """
            UPDATE voice_sessions SET conversation_id = :cid, match_method = 'operator', updated_at = :now
             WHERE id = :id AND (conversation_id IS NULL OR conversation_id = :cid)""";
    private static final String ATTACHED_BY_OPERATOR = """
            SELECT * FROM voice_sessions WHERE conversation_id = :cid AND match_method = 'operator'""";
    private static final String MATCHED = """
            UPDATE voice_sessions SET match_method = :method, updated_at = :now WHERE id = :id""";

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
                .param("attemptId", session.attemptId()).param("contextContactId", session.contextContactId())
                .param("now", now).update();
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
     * Twilio queued the session's call: {@link #attachCallSid} and {@link #advance} to {@code queued}, in
     * one update of the session and one of its call row (this runs for every call placed).
     */
    public void queued(String sessionId, String callSid, String fromNumber) {
        Object now = SqlTime.utc(clock.instant());
        var predecessors = SessionStatus.predecessorCodes(SessionStatus.QUEUED);
        jdbc.sql(QUEUE_SESSION).param("callSid", callSid).param("predecessors", predecessors)
                .param("status", SessionStatus.QUEUED.code()).param("id", sessionId).param("now", now).update();
        jdbc.sql(QUEUE_CALL).param("from", fromNumber).param("callSid", callSid).param("predecessors", predecessors)
                .param("status", SessionStatus.QUEUED.code()).param("id", sessionId).param("now", now).update();
    }

    /**
     * Moves the session and its call row forward to {@code next}; a move backwards, out of a terminal
     * state, or to the same state changes nothing. Answers true when either moved: the post-call payload
     * may arrive before the final status callback, so a {@code transcribed} session still lets its call
     * row move to {@code completed}, and that move is the call's one and only end.
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
            moved += jdbc.sql(ADVANCE_CALL).param("status", next.code()).param("id", sessionId)
                    .param("predecessors", predecessors).param("now", now).update();
        }
        return moved > 0;
    }

    public Optional<VoiceSession> find(String sessionId) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", sessionId).query(VoiceSessionRepository::map).optional();
    }

    public Optional<VoiceSession> findByCallSid(String callSid) {
        return jdbc.sql(SELECT + " WHERE call_sid = :sid").param("sid", callSid).query(VoiceSessionRepository::map).optional();
    }

    /**
     * Accepts a status callback's {@code SequenceNumber} for the session's call: false (and nothing
     * changes) when a callback with this or a higher number was applied already.
     */
    public boolean acceptSequence(String sessionId, int sequenceNumber) {
        return jdbc.sql(ACCEPT_SEQUENCE).param("seq", sequenceNumber).param("id", sessionId)
                .param("now", SqlTime.utc(clock.instant())).update() == 1;
    }

    /**
     * Records who answered ({@code human}, {@code machine_start}, ...) and the call's duration; nulls keep what is known,
     * so with neither (the early callbacks of every call) nothing is written.
     */
    public void recordCallDetails(String sessionId, String answeredBy, Integer durationSecs) {
        if (answeredBy == null && durationSecs == null) {
            return;
        }
        Object now = SqlTime.utc(clock.instant());
        jdbc.sql(CALL_DETAILS_OF_SESSION).param("answeredBy", answeredBy).param("duration", durationSecs)
                .param("id", sessionId).param("now", now).update();
        jdbc.sql(CALL_DETAILS_OF_CALL).param("answeredBy", answeredBy).param("duration", durationSecs)
                .param("id", sessionId).param("now", now).update();
    }

    /** Records when the call ended; the first time recorded stays. */
    public void markEnded(String sessionId, Instant endedAt) {
        jdbc.sql(ENDED).param("endedAt", SqlTime.utc(endedAt)).param("id", sessionId)
                .param("now", SqlTime.utc(clock.instant())).update();
    }

    /** Records the agent leg's result, as Twilio reports it to the {@code <Dial action>} URL. */
    public void recordDialResult(String sessionId, String dialCallStatus, String dialCallSid, Integer dialDurationSecs) {
        jdbc.sql(DIAL_RESULT).param("status", dialCallStatus).param("dialSid", dialCallSid)
                .param("duration", dialDurationSecs).param("id", sessionId)
                .param("now", SqlTime.utc(clock.instant())).update();
    }

    /** Closes the session's compliance record in {@code call_attempts} with the call's outcome. */
    public void recordAttemptOutcome(String sessionId, String outcome, String answeredBy, Integer durationSecs,
                                     Instant endedAt) {
        jdbc.sql(ATTEMPT_OUTCOME).param("outcome", outcome).param("answeredBy", answeredBy)
                .param("duration", durationSecs).param("endedAt", SqlTime.utc(endedAt)).param("id", sessionId)
                .update();
    }

    public Optional<VoiceSession> findByConversationId(String conversationId) {
        return jdbc.sql(SELECT + " WHERE conversation_id = :cid").param("cid", conversationId)
                .query(VoiceSessionRepository::map).optional();
    }

    /** Connect handed the session's call to the agent at this number; the first time recorded stays. */
    public void recordConnected(String sessionId, String agentNumber) {
        Object now = SqlTime.utc(clock.instant());
        jdbc.sql(CONNECTED).param("agentNumber", agentNumber).param("id", sessionId).param("now", now).update();
    }

    /**
     * Records the call SID ElevenLabs saw for this session (the leg that arrived at the agent) and what the agent was
     * told; false when the session has another leg already.
     */
    public boolean recordAgentLeg(String sessionId, String agentCallSid, String agentContextJson) {
        return jdbc.sql(AGENT_LEG).param("agentCallSid", agentCallSid).param("context", agentContextJson)
                .param("id", sessionId).param("now", SqlTime.utc(clock.instant())).update() == 1;
    }

    public Optional<VoiceSession> findByAgentCallSid(String agentCallSid) {
        return jdbc.sql(SELECT + " WHERE agent_call_sid = :sid").param("sid", agentCallSid)
                .query(VoiceSessionRepository::map).optional();
    }

    /** Records the ElevenLabs conversation the call was registered as (register-call names it before the call). */
    public void recordConversationId(String sessionId, String conversationId) {
        jdbc.sql(CONVERSATION).param("cid", conversationId).param("id", sessionId)
                .param("now", SqlTime.utc(clock.instant())).update();
    }

    /**
     * An operator says the conversation is this session's call: it becomes the session's conversation, matched by
     * {@code operator}. False when the session has another conversation already (or does not exist).
     */
    public boolean attachByOperator(String sessionId, String conversationId) {
        return jdbc.sql(ATTACH_BY_OPERATOR).param("cid", conversationId).param("id", sessionId)
                .param("now", SqlTime.utc(clock.instant())).update() == 1;
    }

    /** The session an operator attached this conversation to, if one did. */
    public Optional<VoiceSession> findAttachedByOperator(String conversationId) {
        return jdbc.sql(ATTACHED_BY_OPERATOR).param("cid", conversationId).query(VoiceSessionRepository::map).optional();
    }

    /** Records how the session's post-call payload was matched ({@code conversation_id}, …, {@code number_time}). */
    public void recordMatch(String sessionId, String method) {
        jdbc.sql(MATCHED).param("method", method).param("id", sessionId)
                .param("now", SqlTime.utc(clock.instant())).update();
    }

    /** The newest session to this number created in [from, to] that has no conversation yet. */
    public Optional<VoiceSession> findLatestByPhoneBetween(String customerPhone, Instant from, Instant to) {
        return jdbc.sql(BY_PHONE_BETWEEN).param("phone", customerPhone).param("from", SqlTime.utc(from))
                .param("to", SqlTime.utc(to)).query(VoiceSessionRepository::map).optional();
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
                Optional.ofNullable(rs.getString("dial_call_status")),
                Optional.ofNullable(rs.getString("agent_call_sid")),
                SqlTime.instant(rs, "created_at"),
                SqlTime.instant(rs, "updated_at"));
    }
}
