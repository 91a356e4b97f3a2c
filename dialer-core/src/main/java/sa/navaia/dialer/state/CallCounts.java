package sa.navaia.dialer.state;

import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;

/**
 * Calls to a number since a moment, across every campaign and the API: the attempts that reached the carrier or may
 * have ({@code not_placed} attempts never did). What a state's frequency cap counts.
 */
public final class CallCounts {

    private static final String SINCE = """
            SELECT COUNT(*) AS calls, MIN(decided_at) AS earliest FROM call_attempts
             WHERE phone_e164 = :phone AND decision = 'dial' AND status <> 'not_placed' AND decided_at > :since""";

    /** How many calls, and when the earliest of them was. */
    public record Recent(int calls, Optional<Instant> earliest) {
        public static final Recent NONE = new Recent(0, Optional.empty());
    }

    private final JdbcClient jdbc;

    public CallCounts(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public Recent since(String phoneE164, Instant since) {
        return jdbc.sql(SINCE).param("phone", phoneE164).param("since", SqlTime.utc(since))
                .query((rs, row) -> new Recent(rs.getInt("calls"), Optional.ofNullable(SqlTime.instant(rs, "earliest"))))
                .single();
    }
}
