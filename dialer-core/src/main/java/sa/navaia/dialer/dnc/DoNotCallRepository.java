package sa.navaia.dialer.dnc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;

/**
 * The do-not-call lists in {@code dnc_numbers}. Checked when contacts are imported and again right
 * before each dial; an opt-out lands on the system list at once.
 */
public final class DoNotCallRepository {

    private static final String INSERT = """
            INSERT INTO dnc_numbers (phone_e164, scope, source, reason, session_id, added_at)
            VALUES (:phone, :scope, :source, :reason, :sessionId, :now)""";
    private static final String SCOPES_OF_NUMBER = """
            SELECT scope FROM dnc_numbers WHERE phone_e164 = :phone AND scope IN ('system', :campaignScope)""";
    private static final String LISTED_AMONG = """
            SELECT DISTINCT phone_e164 FROM dnc_numbers
             WHERE phone_e164 IN (:phones) AND scope IN ('system', :campaignScope)""";
    private static final String ENTRIES = """
            SELECT * FROM dnc_numbers WHERE scope = :scope ORDER BY added_at, id""";
    private static final String DELETE = "DELETE FROM dnc_numbers WHERE phone_e164 = :phone AND scope = :scope";

    private final JdbcClient jdbc;
    private final Clock clock;

    public DoNotCallRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    /** Puts a number on a list; true if it was added, false if it was there already. */
    public boolean add(String phoneE164, DoNotCallScope scope, String source, String reason, String sessionId) {
        try {
            return jdbc.sql(INSERT).param("phone", phoneE164).param("scope", scope.code()).param("source", source)
                    .param("reason", reason).param("sessionId", sessionId)
                    .param("now", SqlTime.utc(clock.instant())).update() == 1;
        } catch (DuplicateKeyException alreadyListed) {
            return false;
        }
    }

    public boolean remove(String phoneE164, DoNotCallScope scope) {
        return jdbc.sql(DELETE).param("phone", phoneE164).param("scope", scope.code()).update() == 1;
    }

    /** The list that stops a call to this number in this campaign: the system list first. */
    public Optional<DoNotCallScope> listing(String phoneE164, long campaignId) {
        List<String> scopes = jdbc.sql(SCOPES_OF_NUMBER).param("phone", phoneE164)
                .param("campaignScope", DoNotCallScope.campaign(campaignId).code()).query(String.class).list();
        if (scopes.contains(DoNotCallScope.SYSTEM.code())) {
            return Optional.of(DoNotCallScope.SYSTEM);
        }
        return scopes.stream().findFirst().map(DoNotCallScope::new);
    }

    /** Which of these numbers are on the system list or the campaign's (for checking a chunk at once). */
    public Set<String> listedAmong(Collection<String> phonesE164, long campaignId) {
        if (phonesE164.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql(LISTED_AMONG).param("phones", phonesE164)
                .param("campaignScope", DoNotCallScope.campaign(campaignId).code()).query(String.class).list());
    }

    public List<DoNotCallEntry> entries(DoNotCallScope scope) {
        return jdbc.sql(ENTRIES).param("scope", scope.code()).query(DoNotCallRepository::map).list();
    }

    private static DoNotCallEntry map(ResultSet rs, int row) throws SQLException {
        return new DoNotCallEntry(rs.getString("phone_e164"), new DoNotCallScope(rs.getString("scope")),
                rs.getString("source"), Optional.ofNullable(rs.getString("reason")),
                Optional.ofNullable(rs.getString("session_id")), SqlTime.instant(rs, "added_at"));
    }
}
