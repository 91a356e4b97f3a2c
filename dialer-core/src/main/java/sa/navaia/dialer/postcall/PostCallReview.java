package sa.navaia.dialer.postcall;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.session.VoiceSessionRepository;

/**
 * What an operator checks of the post-call payloads: those matched to a session only by number and time (weak), and
 * those that matched no session at all (kept {@code unmatched} in the inbox); and the attachment of an unmatched
 * payload to the session it belongs to. An attached payload goes back to the inbox as {@code pending}, due now, with
 * the session on its row; the receiver's inbox poller applies it again within seconds (or once it starts), and the
 * reconciler matches it by {@code operator}: the conversation is the session's now.
 */
public final class PostCallReview {

    /** The inbox source of ElevenLabs' payloads. */
    public static final String SOURCE = "elevenlabs";

    private static final String WEAK_MATCHES = """
            SELECT id, campaign_id, customer_phone, conversation_id, created_at FROM voice_sessions
             WHERE match_method = 'number_time'
             ORDER BY created_at, id""";
    private static final String WEAK_MATCHES_OF_CAMPAIGN = """
            SELECT id, campaign_id, customer_phone, conversation_id, created_at FROM voice_sessions
             WHERE match_method = 'number_time' AND campaign_id = :campaignId
             ORDER BY created_at, id""";
    private static final String UNMATCHED = """
            SELECT id, event_type, conversation_id, received_at, last_error FROM webhook_inbox
             WHERE source = 'elevenlabs' AND status = 'unmatched'
             ORDER BY received_at, id""";
    private static final String PAYLOAD = """
            SELECT id, source, event_type, status, conversation_id, body FROM webhook_inbox WHERE id = :id""";
    /** The payload, and any other unmatched payload of the same conversation (its audio, a retried delivery). */
    private static final String REQUEUE = """
            UPDATE webhook_inbox SET status = 'pending', session_id = :sessionId, next_attempt_at = :now,
                   processed_at = NULL, last_error = :note
             WHERE source = 'elevenlabs' AND status = 'unmatched' AND (id = :id OR conversation_id = :cid)""";

    /** A session whose post-call payload was matched by the customer's number and the time only. */
    public record WeakMatch(String sessionId, Long campaignId, String customerPhone, String conversationId, Instant createdAt) {
    }

    /** A stored ElevenLabs payload that matched no session. */
    public record Unmatched(long payloadId, String eventType, String conversationId, Instant receivedAt, String lastError) {
    }

    /** What {@link #attach} did: the conversation attached, and how many payloads went back to the inbox. */
    public record Attached(String conversationId, String eventType, int payloadsRequeued) {
    }

    private final JdbcClient jdbc;
    private final VoiceSessionRepository sessions;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public PostCallReview(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.sessions = new VoiceSessionRepository(dataSource, clock);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    /** Weak matches, oldest first; of one campaign when {@code campaignId} is given. */
    public List<WeakMatch> weakMatches(Optional<Long> campaignId) {
        var query = campaignId.isPresent()
                ? jdbc.sql(WEAK_MATCHES_OF_CAMPAIGN).param("campaignId", campaignId.get()) : jdbc.sql(WEAK_MATCHES);
        return query.query(PostCallReview::weak).list();
    }

    /** ElevenLabs payloads that matched no session, oldest first. They belong to no campaign. */
    public List<Unmatched> unmatched() {
        return jdbc.sql(UNMATCHED).query((rs, row) -> new Unmatched(rs.getLong("id"), rs.getString("event_type"),
                rs.getString("conversation_id"), SqlTime.instant(rs, "received_at"), rs.getString("last_error"))).list();
    }

    /** The payload or the session to attach does not exist (other refusals are plain {@link IllegalArgumentException}s). */
    public static final class NotFound extends IllegalArgumentException {
        NotFound(String message) {
            super(message);
        }
    }

    /**
     * Attaches the unmatched payload to the session, in one transaction: the payload's conversation becomes the
     * session's (matched by {@code operator}), and the payload, with any other unmatched payload of that conversation,
     * goes back to the inbox as pending, due now. Refused with a sentence when the payload is not an unmatched
     * ElevenLabs payload, or the session does not exist or has another conversation.
     */
    public Attached attach(long payloadId, String sessionId) throws NotFound {
        return transaction.execute(status -> {
            Payload payload = jdbc.sql(PAYLOAD).param("id", payloadId).query(PostCallReview::payload).optional()
                    .orElseThrow(() -> new NotFound("There is no stored payload #" + payloadId
                            + "; 'ops/dialer postcall list --unmatched' shows the unmatched ones."));
            if (!SOURCE.equals(payload.source()) || !"unmatched".equals(payload.status())) {
                throw new IllegalArgumentException("Payload #" + payloadId + " is " + payload.status() + " (" + payload.source()
                        + " " + payload.eventType() + "); only an unmatched ElevenLabs payload can be attached to a session.");
            }
            String conversationId = payload.conversationId() != null ? payload.conversationId()
                    : PostCallPayload.parse(payload.body()).conversationId();
            var session = sessions.find(sessionId).orElseThrow(() -> new NotFound(
                    "There is no session " + sessionId + "; session ids look like vs_… (the report's session column)."));
            if (!sessions.attachByOperator(sessionId, conversationId)) {
                throw new IllegalArgumentException("Session " + sessionId + " has conversation "
                        + session.conversationId().orElse("?") + " already; a session takes one conversation, so payload #"
                        + payloadId + " (conversation " + conversationId + ") cannot be attached to it.");
            }
            int requeued = jdbc.sql(REQUEUE).param("sessionId", sessionId).param("now", SqlTime.utc(clock.instant()))
                    .param("note", "Attached to session " + sessionId + " by an operator.")
                    .param("id", payloadId).param("cid", conversationId).update();
            return new Attached(conversationId, payload.eventType(), requeued);
        });
    }

    private record Payload(String source, String eventType, String status, String conversationId, String body) {
    }

    private static Payload payload(ResultSet rs, int row) throws SQLException {
        return new Payload(rs.getString("source"), rs.getString("event_type"), rs.getString("status"),
                rs.getString("conversation_id"), rs.getString("body"));
    }

    private static WeakMatch weak(ResultSet rs, int row) throws SQLException {
        return new WeakMatch(rs.getString("id"), rs.getObject("campaign_id", Long.class), rs.getString("customer_phone"),
                rs.getString("conversation_id"), SqlTime.instant(rs, "created_at"));
    }
}
