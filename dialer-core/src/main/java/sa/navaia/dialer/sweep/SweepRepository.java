package sa.navaia.dialer.sweep;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.session.CallStatusUpdates;

/** The sessions nobody reported on: calls with no final status, and agent conversations with no transcript. */
final class SweepRepository {

    /**
     * Calls Twilio took (they have a SID) that have not ended, quiet since before {@code :quietSince}, longest quiet
     * first. The call row, not the session: a transcript may come while the final status callback never does, and the
     * session is then {@code transcribed} while its call (and the attempt) still wait for their end.
     */
    private static final String CALLS_WITHOUT_END = """
            SELECT session_id, call_sid FROM calls
             WHERE status IN ('created', 'queued', 'initiated', 'ringing', 'in-progress') AND call_sid IS NOT NULL
               AND updated_at < :quietSince
             ORDER BY updated_at LIMIT :limit""";
    private static final String TOUCH_CALL = "UPDATE calls SET updated_at = :now WHERE session_id = :id";
    /**
     * Calls that reached an agent (a leg ElevenLabs saw, or a conversation registered) and ended completed, quiet
     * since before {@code :quietSince} and not older than {@code :notBefore}, with no transcript yet; not those whose
     * {@code <Dial>} reported the agent's leg failed (the personalisation webhook may have seen the leg before the agent
     * dropped it: no conversation will ever exist).
     */
    private static final String CONVERSATIONS_WITHOUT_TRANSCRIPT = """
            SELECT id, agent_name, agent_call_sid, conversation_id, connected_at, ended_at, duration_secs FROM voice_sessions
             WHERE status = 'completed' AND (agent_call_sid IS NOT NULL OR conversation_id IS NOT NULL)
               AND (dial_call_status IS NULL OR dial_call_status NOT IN (:agentNotReached))
               AND ended_at < :quietSince AND ended_at >= :notBefore
             ORDER BY updated_at LIMIT :limit""";
    private static final String TOUCH = "UPDATE voice_sessions SET updated_at = :now WHERE id = :id";
    private static final String CONVERSATION_KNOWN = "SELECT COUNT(*) FROM voice_sessions WHERE conversation_id = :cid";

    record Stuck(String sessionId, String callSid) {
    }

    record Untranscribed(String sessionId, String agentName, String agentCallSid, String conversationId,
                         Instant connectedAt, Instant endedAt, Integer durationSecs) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SweepRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    List<Stuck> callsWithoutEnd(Instant quietSince, int limit) {
        return jdbc.sql(CALLS_WITHOUT_END).param("quietSince", SqlTime.utc(quietSince)).param("limit", limit)
                .query((rs, row) -> new Stuck(rs.getString("session_id"), rs.getString("call_sid"))).list();
    }

    /** Marks a call looked at now, so the next pass looks at the others first. */
    void touchCall(String sessionId) {
        jdbc.sql(TOUCH_CALL).param("now", SqlTime.utc(clock.instant())).param("id", sessionId).update();
    }

    List<Untranscribed> conversationsWithoutTranscript(Instant quietSince, Instant notBefore, int limit) {
        return jdbc.sql(CONVERSATIONS_WITHOUT_TRANSCRIPT).param("quietSince", SqlTime.utc(quietSince))
                .param("notBefore", SqlTime.utc(notBefore)).param("limit", limit)
                .param("agentNotReached", CallStatusUpdates.AGENT_NOT_REACHED)
                .query((rs, row) -> new Untranscribed(rs.getString("id"), rs.getString("agent_name"),
                        rs.getString("agent_call_sid"), rs.getString("conversation_id"),
                        SqlTime.instant(rs, "connected_at"), SqlTime.instant(rs, "ended_at"),
                        rs.getObject("duration_secs", Integer.class))).list();
    }

    /** Marks a session looked at now, so the next pass looks at the others first. */
    void touch(String sessionId) {
        jdbc.sql(TOUCH).param("now", SqlTime.utc(clock.instant())).param("id", sessionId).update();
    }

    boolean conversationKnown(String conversationId) {
        return jdbc.sql(CONVERSATION_KNOWN).param("cid", conversationId).query(Long.class).single() > 0;
    }
}
