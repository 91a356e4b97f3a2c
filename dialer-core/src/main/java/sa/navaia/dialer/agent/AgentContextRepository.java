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

    private final JdbcClient jdbc;

    public AgentContextRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public Optional<AgentContext.Recipient> recipient(String sessionId) {
        return jdbc.sql(RECIPIENT).param("id", sessionId).query((rs, row) -> new AgentContext.Recipient(
                rs.getString("session_id"), rs.getString("campaign_name"), rs.getString("contact_name"),
                rs.getString("customer_id"), rs.getString("variables"))).optional();
    }
}
