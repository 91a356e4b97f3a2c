package sa.navaia.dialer.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
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
    /** {@link #MARK_DONE} as {@code processed} for every payload of a group applied in one transaction. */
    private static final String MARK_ALL_PROCESSED = """
            UPDATE webhook_inbox SET status = 'processed', attempts = attempts + 1, last_error = NULL,
                   next_attempt_at = NULL, processed_at = :now
             WHERE id IN (:ids)""";
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

    private final NamedParameterJdbcTemplate template;
    private final JdbcClient jdbc;
    private final Clock clock;

    public WebhookInboxRepository(DataSource dataSource, Clock clock) {
        this.template = new NamedParameterJdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(template);
        this.clock = clock;
    }

    /** Stores the payload as {@code pending}; empty when a payload with the same dedupe key is stored already. */
    public Optional<Long> store(NewInboxMessage message) {
        return storePending(message).map(InboxMessage::id);
    }

    /**
     * Stores the payload as {@code pending} and answers it as stored, so it can be applied without reading it back
     * (its times as sent, to the millisecond: a driver that drops fractions, as Connector/J does against MariaDB, stores
     * whole seconds); empty when a payload with the same dedupe key is stored already. Inside a transaction, a duplicate
     * fails only its own statement: the transaction goes on.
     */
    public Optional<InboxMessage> storePending(NewInboxMessage message) {
        Pending pending = pending(message, clock.instant());
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        try {
            template.update(INSERT, pending.parameters(), keys, new String[] {"id"});
        } catch (DuplicateKeyException alreadyStored) {
            return Optional.empty();
        }
        return Optional.of(pending.stored(keys.getKey().longValue()));
    }

    /**
     * Stores the payloads as {@code pending} in one batch (one multi-row insert on MySQL) and answers them as stored,
     * in order, as {@link #storePending} does. Throws {@link DuplicateKeyException} when any of them is stored already:
     * run it in a transaction, roll back, and store them one by one instead.
     */
    public List<InboxMessage> storeAllPending(List<NewInboxMessage> messages) {
        Instant now = clock.instant();
        List<Pending> pending = messages.stream().map(message -> pending(message, now)).toList();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        template.batchUpdate(INSERT, pending.stream().map(Pending::parameters).toArray(SqlParameterSource[]::new), keys,
                new String[] {"id"});
        List<Map<String, Object>> ids = keys.getKeyList();
        if (ids.size() != pending.size()) {
            throw new IncorrectResultSizeDataAccessException("One generated id per stored payload", pending.size(), ids.size());
        }
        List<InboxMessage> stored = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            stored.add(pending.get(i).stored(((Number) ids.get(i).values().iterator().next()).longValue()));
        }
        return stored;
    }

    /** A payload as it is inserted: its column values, and the stored message they make once it has an id. */
    private record Pending(NewInboxMessage message, String dedupeKey, String sessionId, String callSid, String conversationId,
                           Instant receivedAt, Instant retryAt) {

        MapSqlParameterSource parameters() {
            return new MapSqlParameterSource().addValue("source", message.source()).addValue("eventType", message.eventType())
                    .addValue("dedupeKey", dedupeKey).addValue("sessionId", sessionId).addValue("callSid", callSid)
                    .addValue("conversationId", conversationId).addValue("requestPath", message.requestPath())
                    .addValue("contentType", message.contentType()).addValue("body", message.body())
                    .addValue("now", SqlTime.utc(receivedAt)).addValue("retryAt", SqlTime.utc(retryAt));
        }

        InboxMessage stored(long id) {
            return new InboxMessage(id, message.source(), message.eventType(), dedupeKey, Optional.ofNullable(sessionId),
                    Optional.ofNullable(callSid), Optional.ofNullable(conversationId), message.requestPath(),
                    Optional.ofNullable(message.contentType()), message.body(), InboxStatus.PENDING, 0, Optional.empty(),
                    receivedAt, Optional.of(retryAt), Optional.empty());
        }
    }

    private static Pending pending(NewInboxMessage message, Instant clockNow) {
        Instant now = clockNow.truncatedTo(ChronoUnit.MILLIS); // as DATETIME(3) keeps it
        return new Pending(message, fitKey(message.dedupeKey()), fit(message.sessionId(), 40), fit(message.callSid(), 40),
                fit(message.conversationId(), 100), now, now.plus(IN_LINE_GRACE));
    }

    public void markProcessed(long id) {
        finish(id, InboxStatus.PROCESSED, null);
    }

    /** {@link #markProcessed} for many payloads in one statement. */
    public void markAllProcessed(List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql(MARK_ALL_PROCESSED).param("now", SqlTime.utc(clock.instant())).param("ids", ids).update();
        }
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
