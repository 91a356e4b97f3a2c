package sa.navaia.dialer.agent;

import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads whom a session calls, for the agent: the contact (or a test call's stand-in contact) and its campaign. */
public final class AgentContextRepository {

    private static final String RECIPIENT = """
            SELECT vs.id AS session_id, cp.name AS campaign_name, ct.name AS contact_name,
                   COALESCE(ct.customer_id, vs.customer_id) AS customer_id, ct.variables
              FROM voice_sessions vs
              LEFT JOIN campaigns cp ON cp.id = vs.campaign_id
              LEFT JOIN contacts ct ON ct.id = COALESCE(vs.contact_id, vs.context_contact_id)
             WHERE vs.id = :id""";

    /**
     * The session whose arriving leg this is (asked before), or those connect handed to this agent number for this
     * caller since a moment ago whose leg is not known yet: each with whom it calls, in one round trip.
     */
    private static final String LEG_CANDIDATES = """
            SELECT vs.id AS session_id, vs.agent_call_sid, cp.name AS campaign_name, ct.name AS contact_name,
                   COALESCE(ct.customer_id, vs.customer_id) AS customer_id, ct.variables
              FROM voice_sessions vs
              LEFT JOIN campaigns cp ON cp.id = vs.campaign_id
              LEFT JOIN contacts ct ON ct.id = COALESCE(vs.contact_id, vs.context_contact_id)
             WHERE vs.agent_call_sid = :callSid
            UNION ALL
            SELECT vs.id, vs.agent_call_sid, cp.name, ct.name, COALESCE(ct.customer_id, vs.customer_id), ct.variables
              FROM voice_sessions vs
              LEFT JOIN campaigns cp ON cp.id = vs.campaign_id
              LEFT JOIN contacts ct ON ct.id = COALESCE(vs.contact_id, vs.context_contact_id)
             WHERE vs.customer_phone = :phone AND vs.agent_number = :agentNumber AND vs.connected_at >= :since
               AND vs.agent_call_sid IS NULL AND vs.conversation_id IS NULL AND vs.ended_at IS NULL
             LIMIT 6""";

    /** A session an arriving leg may belong to; {@code legRecorded} when this very leg is recorded on it already. */
    public record LegCandidate(AgentContext.Recipient recipient, boolean legRecorded) {
    }

    private final JdbcClient jdbc;

    public AgentContextRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public java.util.List<LegCandidate> legCandidates(String callSid, String callerNumber, String agentNumber,
                                                      java.time.Instant since) {
        return jdbc.sql(LEG_CANDIDATES).param("callSid", callSid).param("phone", callerNumber)
                .param("agentNumber", agentNumber).param("since", sa.navaia.dialer.db.SqlTime.utc(since))
                .query((rs, row) -> new LegCandidate(new AgentContext.Recipient(rs.getString("session_id"),
                        rs.getString("campaign_name"), rs.getString("contact_name"), rs.getString("customer_id"),
                        rs.getString("variables")), callSid.equals(rs.getString("agent_call_sid")))).list();
    }

    public Optional<AgentContext.Recipient> recipient(String sessionId) {
        return jdbc.sql(RECIPIENT).param("id", sessionId).query((rs, row) -> new AgentContext.Recipient(
                rs.getString("session_id"), rs.getString("campaign_name"), rs.getString("contact_name"),
                rs.getString("customer_id"), rs.getString("variables"))).optional();
    }
}
