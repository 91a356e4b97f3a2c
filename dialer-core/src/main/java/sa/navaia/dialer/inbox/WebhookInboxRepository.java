package sa.navaia.dialer.inbox;

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
import sa.navaia.dialer.db.SqlTime;

/**
 * The durable webhook inbox: every verified payload is stored raw, keyed by a dedupe key, before it is
 * answered; it is processed from here, at once and again in the background until it is applied.
 */
public final class WebhookInboxRepository {

    private static final String INSERT = """
            INSERT INTO webhook_inbox (source, event_type, dedupe_key, session_id, call_sid, conversation_id,
                                       request_path, content_type, body, status, attempts, received_at, next_attempt_at)
            VALUES (:source, :eventType, :dedupeKey, :sessionId, :callSid, :conversationId,
                    :requestPath, :contentType, :body, 'pending', 0, :now, :retryAt)""";
    private static final String MARK_DONE = """
            UPDATE webhook_inbox SET status = :status, attempts = attempts + 1, last_error = :error,
                   next_attempt_at = NULL, processed_at = :now
             WHERE id = :id""";
    private static final String MARK_RETRY = """
            UPDATE webhook_inbox SET status = :status, attempts = attempts + 1, last_error = :error,
                   next_attempt_at = :nextAttemptAt
             WHERE id = :id""";
    private static final String DUE = """
            SELECT * FROM webhook_inbox
             WHERE status IN ('pending', 'failed') AND next_attempt_at IS NOT NULL AND next_attempt_at <= :now
             ORDER BY next_attempt_at, id LIMIT :limit""";
    private static final String BY_STATUS = "SELECT * FROM webhook_inbox WHERE status = :status ORDER BY received_at, id";
    private static final String BY_ID = "SELECT * FROM webhook_inbox WHERE id = :id";
    private static final String BY_KEY = "SELECT * FROM webhook_inbox WHERE dedupe_key = :key";
    private static final int MAX_ERROR_LENGTH = 2000;
    private static final int MAX_KEY_LENGTH = 255;
    /** A new payload is applied in the request that stored it; the background retry waits this long first. */
    private static final Duration IN_LINE_GRACE = Duration.ofSeconds(15);

    private final JdbcClient jdbc;
    private final Clock clock;

    public WebhookInboxRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    /** Stores the payload as {@code pending}; empty when a payload with the same dedupe key is stored already. */
    public Optional<Long> store(NewInboxMessage message) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        Instant now = clock.instant();
        try {
            jdbc.sql(INSERT).param("source", message.source()).param("eventType", message.eventType())
                    .param("dedupeKey", fitKey(message.dedupeKey())).param("sessionId", fit(message.sessionId(), 40))
                    .param("callSid", fit(message.callSid(), 40)).param("conversationId", fit(message.conversationId(), 100))
                    .param("requestPath", message.requestPath()).param("contentType", message.contentType())
                    .param("body", message.body()).param("now", SqlTime.utc(now))
                    .param("retryAt", SqlTime.utc(now.plus(IN_LINE_GRACE)))
                    .update(keys, "id");
        } catch (DuplicateKeyException alreadyStored) {
            return Optional.empty();
        }
        return Optional.of(keys.getKey().longValue());
    }

    public void markProcessed(long id) {
        finish(id, InboxStatus.PROCESSED, null);
    }

    /** Kept, never dropped: a payload that matches no session is listed as unreconciled. */
    public void markUnmatched(long id, String reason) {
        finish(id, InboxStatus.UNMATCHED, reason);
    }

    /** Records a failed processing attempt: {@code failed} with the next try at {@code nextAttemptAt}, or for good when it is null. */
    public void markFailed(long id, String error, Instant nextAttemptAt) {
        jdbc.sql(MARK_RETRY).param("status", InboxStatus.FAILED.code()).param("error", truncate(error))
                .param("nextAttemptAt", SqlTime.utc(nextAttemptAt)).param("id", id).update();
    }

    private void finish(long id, InboxStatus status, String error) {
        jdbc.sql(MARK_DONE).param("status", status.code()).param("error", truncate(error))
                .param("now", SqlTime.utc(clock.instant())).param("id", id).update();
    }

    /** Pending and failed payloads whose next attempt is due, oldest first. */
    public List<InboxMessage> due(int limit) {
        return jdbc.sql(DUE).param("now", SqlTime.utc(clock.instant())).param("limit", limit)
                .query(WebhookInboxRepository::map).list();
    }

    public List<InboxMessage> withStatus(InboxStatus status) {
        return jdbc.sql(BY_STATUS).param("status", status.code()).query(WebhookInboxRepository::map).list();
    }

    public Optional<InboxMessage> find(long id) {
        return jdbc.sql(BY_ID).param("id", id).query(WebhookInboxRepository::map).optional();
    }

    public Optional<InboxMessage> findByDedupeKey(String dedupeKey) {
        return jdbc.sql(BY_KEY).param("key", fitKey(dedupeKey)).query(WebhookInboxRepository::map).optional();
    }

    /** A key longer than its column (ids are sender-controlled) is kept unique by its SHA-256 instead. */
    static String fitKey(String dedupeKey) {
        if (dedupeKey.length() <= MAX_KEY_LENGTH) {
            return dedupeKey;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(dedupeKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return dedupeKey.substring(0, 40) + ":sha256:" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** Ids are lookup hints beside the raw body; one too long for its column is left out rather than refusing the payload. */
    private static String fit(String id, int columnLength) {
        return id == null || id.length() > columnLength ? null : id;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    private static InboxMessage map(ResultSet rs, int row) throws SQLException {
        return new InboxMessage(rs.getLong("id"), rs.getString("source"), rs.getString("event_type"),
                rs.getString("dedupe_key"), Optional.ofNullable(rs.getString("session_id")),
                Optional.ofNullable(rs.getString("call_sid")), Optional.ofNullable(rs.getString("conversation_id")),
                rs.getString("request_path"), Optional.ofNullable(rs.getString("content_type")), rs.getString("body"),
                InboxStatus.fromCode(rs.getString("status")), rs.getInt("attempts"),
                Optional.ofNullable(rs.getString("last_error")), SqlTime.instant(rs, "received_at"),
                Optional.ofNullable(SqlTime.instant(rs, "next_attempt_at")),
                Optional.ofNullable(SqlTime.instant(rs, "processed_at")));
    }
}
