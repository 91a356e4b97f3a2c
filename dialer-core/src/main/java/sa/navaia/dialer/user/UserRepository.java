package sa.navaia.dialer.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import sa.navaia.dialer.db.SqlTime;

/**
 * Console users in {@code console_users}. Passwords arrive already hashed: the hashing algorithm is the
 * application's (Spring Security's delegating encoder), never this class's.
 */
public final class UserRepository {

    private static final String INSERT = """
            INSERT INTO console_users (username, password_hash, role, failed_logins, created_at)
            VALUES (:username, :passwordHash, :role, 0, :now)""";
    private static final String SELECT = "SELECT * FROM console_users";
    private static final String SET_PASSWORD = """
            UPDATE console_users SET password_hash = :passwordHash, failed_logins = 0, locked_until = NULL
             WHERE username = :username""";
    private static final String FAILED_LOGIN = """
            UPDATE console_users
               SET failed_logins = failed_logins + 1,
                   locked_until = CASE WHEN failed_logins + 1 >= :maxFailures THEN :lockedUntil ELSE locked_until END
             WHERE username = :username""";
    private static final String RESET_FAILURES = """
            UPDATE console_users SET failed_logins = 0, locked_until = NULL
             WHERE username = :username AND (failed_logins > 0 OR locked_until IS NOT NULL)""";

    private final JdbcClient jdbc;
    private final Clock clock;

    public UserRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    /** Stores a new user; a taken name is refused with a sentence. */
    public ConsoleUser create(String username, String passwordHash, Role role) {
        if (username == null || !username.strip().matches("[A-Za-z0-9._@-]{1,100}")) {
            throw new IllegalArgumentException("A user name is 1 to 100 letters, digits, dots, dashes, underscores or @;"
                    + " got \"" + username + "\".");
        }
        KeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql(INSERT).param("username", username.strip()).param("passwordHash", passwordHash)
                    .param("role", role.code()).param("now", SqlTime.utc(clock.instant())).update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("There is already a user named \"" + username.strip() + "\".");
        }
        return findByUsername(username.strip()).orElseThrow();
    }

    public Optional<ConsoleUser> findByUsername(String username) {
        return jdbc.sql(SELECT + " WHERE username = :username").param("username", username).query(UserRepository::map).optional();
    }

    public Optional<ConsoleUser> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(UserRepository::map).optional();
    }

    public List<ConsoleUser> findAll() {
        return jdbc.sql(SELECT + " ORDER BY username").query(UserRepository::map).list();
    }

    public boolean setPassword(String username, String passwordHash) {
        return jdbc.sql(SET_PASSWORD).param("passwordHash", passwordHash).param("username", username).update() == 1;
    }

    /** Counts a failed sign-in; the {@code maxFailures}-th in a row locks the account for {@code lockFor}. */
    public void recordFailedLogin(String username, int maxFailures, Duration lockFor) {
        jdbc.sql(FAILED_LOGIN).param("maxFailures", maxFailures)
                .param("lockedUntil", SqlTime.utc(clock.instant().plus(lockFor))).param("username", username).update();
    }

    public void resetFailedLogins(String username) {
        jdbc.sql(RESET_FAILURES).param("username", username).update();
    }

    static ConsoleUser map(ResultSet rs, int row) throws SQLException {
        Instant lockedUntil = SqlTime.instant(rs, "locked_until");
        return new ConsoleUser(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                Role.fromCode(rs.getString("role")), rs.getInt("failed_logins"), Optional.ofNullable(lockedUntil),
                SqlTime.instant(rs, "created_at"));
    }
}
