package sa.navaia.dialer.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;

/**
 * API tokens in {@code api_tokens}. A token is 256 random bits shown once when made; only its SHA-256 is
 * stored, so a leaked table gives nobody a usable token. (A slow password hash is not needed for a value
 * with that much entropy, and a plain digest lets a request find its token with one indexed read.)
 */
public final class ApiTokenRepository {

    /** A token as listed: never the token itself. */
    public record ApiToken(long id, long userId, String name, java.time.Instant createdAt,
                           Optional<java.time.Instant> lastUsedAt, boolean revoked) {
    }

    /** A token just made: {@code token} is shown to its owner once and never again. */
    public record NewApiToken(long id, String name, String token) {
    }

    static final String PREFIX = "dlr_";
    private static final String INSERT = """
            INSERT INTO api_tokens (user_id, name, token_sha256, created_at) VALUES (:userId, :name, :hash, :now)""";
    private static final String FIND_USER = """
            SELECT u.* FROM api_tokens t JOIN console_users u ON u.id = t.user_id
             WHERE t.token_sha256 = :hash AND t.revoked_at IS NULL""";
    private static final String TOUCH = "UPDATE api_tokens SET last_used_at = :now WHERE token_sha256 = :hash";
    private static final String LIST = "SELECT * FROM api_tokens WHERE user_id = :userId ORDER BY id";
    private static final String REVOKE = """
            UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND user_id = :userId AND revoked_at IS NULL""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiTokenRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    public NewApiToken create(long userId, String name) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new IllegalArgumentException("A token needs a name of 1 to 100 characters saying who uses it, like crm-sync.");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql(INSERT).param("userId", userId).param("name", name.strip()).param("hash", sha256(token))
                .param("now", SqlTime.utc(clock.instant())).update(keys, "id");
        return new NewApiToken(keys.getKey().longValue(), name.strip(), token);
    }

    /** The user a presented token acts for, when it is a token we made and it is not revoked. */
    public Optional<ConsoleUser> userOf(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = sha256(token);
        Optional<ConsoleUser> user = jdbc.sql(FIND_USER).param("hash", hash).query(UserRepository::map).optional();
        user.ifPresent(u -> jdbc.sql(TOUCH).param("now", SqlTime.utc(clock.instant())).param("hash", hash).update());
        return user;
    }

    public List<ApiToken> list(long userId) {
        return jdbc.sql(LIST).param("userId", userId).query((rs, row) -> new ApiToken(rs.getLong("id"), rs.getLong("user_id"),
                rs.getString("name"), SqlTime.instant(rs, "created_at"),
                Optional.ofNullable(SqlTime.instant(rs, "last_used_at")), rs.getObject("revoked_at") != null)).list();
    }

    public boolean revoke(long userId, long tokenId) {
        return jdbc.sql(REVOKE).param("now", SqlTime.utc(clock.instant())).param("id", tokenId).param("userId", userId)
                .update() == 1;
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
