package sa.navaia.dialer.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.db.SqlTime;

/**
 * Moves applied webhook payloads ({@code processed}) older than a cut-off from {@code webhook_inbox} to
 * {@code webhook_inbox_archive}, same columns and ids, {@value #BATCH} at a time, each batch copied and deleted in one
 * transaction (a batch is in exactly one of the two tables at any instant). Pending, failed and unmatched payloads stay
 * where the receiver, the report and an operator look for them. Nothing reads the payloads of applied webhooks again
 * but erasure and the retention purge, which reach the archive too; the report reads the sessions, calls and attempts.
 */
public final class InboxArchive {

    /**
     * The youngest payloads that may be archived. A payload's dedupe key goes with it, so a delivery of the same webhook
     * after that would be stored and applied again (harmless: sessions only move forward); Twilio's retries end within
     * 15 s, the sweeper stores what it polls within 24 hours, and ElevenLabs never redelivers.
     */
    public static final Duration MIN_AGE = Duration.ofDays(7);
    static final int BATCH = 1000;

    private static final String OLDEST = """
            SELECT id FROM webhook_inbox
             WHERE status = 'processed' AND received_at < :cutoff
             ORDER BY received_at, id LIMIT :batch""";
    private static final String COPY = """
            INSERT INTO webhook_inbox_archive (id, source, event_type, dedupe_key, session_id, call_sid, conversation_id,
                                               request_path, content_type, body, status, attempts, last_error, received_at,
                                               next_attempt_at, processed_at, archived_at)
            SELECT id, source, event_type, dedupe_key, session_id, call_sid, conversation_id, request_path, content_type,
                   body, status, attempts, last_error, received_at, next_attempt_at, processed_at, :now
              FROM webhook_inbox WHERE id IN (:ids)""";
    private static final String DELETE = "DELETE FROM webhook_inbox WHERE id IN (:ids)";

    /** How many payloads were moved, and the cut-off they were older than. */
    public record Archived(int payloads, Instant receivedBefore) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public InboxArchive(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    /** Archives the applied payloads received more than {@code olderThan} ago; at least {@link #MIN_AGE}. */
    public Archived archive(Duration olderThan) {
        if (olderThan.compareTo(MIN_AGE) < 0) {
            throw new IllegalArgumentException("Payloads younger than " + MIN_AGE.toDays() + " days stay in the inbox (a"
                    + " late delivery of the same webhook must find its dedupe key); got " + olderThan.toDays() + " days.");
        }
        Instant now = clock.instant();
        Instant cutoff = now.minus(olderThan);
        int moved = 0;
        int batch;
        do {
            batch = transaction.execute(status -> moveBatch(cutoff, now));
            moved += batch;
        } while (batch == BATCH);
        return new Archived(moved, cutoff);
    }

    private int moveBatch(Instant cutoff, Instant now) {
        List<Long> ids = jdbc.sql(OLDEST).param("cutoff", SqlTime.utc(cutoff)).param("batch", BATCH)
                .query(Long.class).list();
        if (ids.isEmpty()) {
            return 0;
        }
        jdbc.sql(COPY).param("ids", ids).param("now", SqlTime.utc(now)).update();
        return jdbc.sql(DELETE).param("ids", ids).update();
    }
}
