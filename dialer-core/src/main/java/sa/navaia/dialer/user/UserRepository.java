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
    /** A lock that has run out is forgotten with its count, so the user starts again with every attempt. */
    private static final String FORGET_EXPIRED_LOCK = """
            UPDATE console_users SET failed_logins = 0, locked_until = NULL
             WHERE username = :username AND locked_until <= :now""";
    /**
     * Counts a sign-in attempt as failed before its password is checked, in one statement, so parallel attempts
     * queue on the row and cannot together exceed the limit; the attempt that reaches it locks the account.
     * locked_until is assigned first: MySQL evaluates SET left to right with the new values, H2 with the old ones.
     */
    private static final String RESERVE_LOGIN_ATTEMPT = """
            UPDATE console_users
               SET locked_until = CASE WHEN failed_logins + 1 >= :maxFailures THEN :lockedUntil ELSE NULL END,
                   failed_logins = failed_logins + 1
             WHERE username = :username AND locked_until IS NULL""";
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

    /**
     * Takes one of the user's sign-in attempts before the password is checked: counted as failed until
     * {@link #resetFailedLogins} says it succeeded. The {@code maxFailures}-th in a row locks the account for
     * {@code lockFor}. False when the account is locked (or there is no such user): no attempt may be made.
     */
    public boolean reserveLoginAttempt(String username, int maxFailures, Duration lockFor) {
        Instant now = clock.instant();
        jdbc.sql(FORGET_EXPIRED_LOCK).param("now", SqlTime.utc(now)).param("username", username).update();
        return jdbc.sql(RESERVE_LOGIN_ATTEMPT).param("maxFailures", maxFailures)
                .param("lockedUntil", SqlTime.utc(now.plus(lockFor))).param("username", username).update() == 1;
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
