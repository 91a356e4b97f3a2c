package sa.navaia.dialer.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;

/**
 * Removes what is older than its {@link Retention}, in batches of {@link #BATCH} rows so no statement holds many locks:
 * transcripts and their payloads, audio payloads, finished contacts' variables, and call records past five years.
 * The do-not-call lists, the erasure log and the campaigns' own events are kept.
 */
public final class RetentionPurge {

    public static final int BATCH = 1000;

    private static final String TRANSCRIPTS = """
            UPDATE voice_sessions SET transcript = NULL, summary = NULL, data_collection = NULL, agent_context = NULL
             WHERE created_at < :cutoff AND (transcript IS NOT NULL OR summary IS NOT NULL OR data_collection IS NOT NULL
                                             OR agent_context IS NOT NULL)
             LIMIT :batch""";
    private static final String PAYLOADS = """
            UPDATE webhook_inbox SET body = '{}'
             WHERE event_type = :eventType AND received_at < :cutoff AND body <> '{}' AND status <> 'pending'
             LIMIT :batch""";
    /** The same for the payloads moved to the archive (InboxArchive). */
    private static final String ARCHIVED_PAYLOADS = """
            UPDATE webhook_inbox_archive SET body = '{}'
             WHERE event_type = :eventType AND received_at < :cutoff AND body <> '{}'
             LIMIT :batch""";
    private static final String OLD_ARCHIVED_PAYLOADS = "DELETE FROM webhook_inbox_archive WHERE received_at < :cutoff LIMIT :batch";
    private static final String VARIABLES = """
            UPDATE contacts SET variables = NULL
             WHERE status IN ('done', 'suppressed') AND updated_at < :cutoff AND variables IS NOT NULL
             LIMIT :batch""";
    private static final String OLD_ATTEMPTS = "DELETE FROM call_attempts WHERE decided_at < :cutoff LIMIT :batch";
    private static final String OLD_CALLS = "DELETE FROM calls WHERE created_at < :cutoff LIMIT :batch";
    private static final String OLD_SESSIONS = "DELETE FROM voice_sessions WHERE created_at < :cutoff LIMIT :batch";
    private static final String OLD_BOOKINGS = "DELETE FROM bookings WHERE created_at < :cutoff LIMIT :batch";
    private static final String OLD_TICKETS = "DELETE FROM tickets WHERE created_at < :cutoff LIMIT :batch";

    /** What a purge removed, by kind. */
    public record Purged(Map<String, Integer> removed) {
        public int total() {
            return removed.values().stream().mapToInt(Integer::intValue).sum();
        }

        public String describe() {
            return removed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        }
    }

    private final JdbcClient jdbc;
    private final Retention retention;
    private final Clock clock;

    public RetentionPurge(DataSource dataSource, Retention retention, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.retention = retention;
        this.clock = clock;
    }

    public Purged purge() {
        Instant now = clock.instant();
        Map<String, Integer> removed = new LinkedHashMap<>();
        var transcripts = SqlTime.utc(now.minus(retention.transcripts()));
        removed.put("transcripts", batches(TRANSCRIPTS, Map.of("cutoff", transcripts)));
        var transcriptPayloads = Map.<String, Object>of("cutoff", transcripts, "eventType", "post_call_transcription");
        removed.put("transcript_payloads", batches(PAYLOADS, transcriptPayloads) + batches(ARCHIVED_PAYLOADS, transcriptPayloads));
        var audioPayloads = Map.<String, Object>of("cutoff", SqlTime.utc(now.minus(retention.audio())), "eventType", "post_call_audio");
        removed.put("audio_payloads", batches(PAYLOADS, audioPayloads) + batches(ARCHIVED_PAYLOADS, audioPayloads));
        removed.put("variables", batches(VARIABLES, Map.of("cutoff", SqlTime.utc(now.minus(retention.variables())))));
        var records = Map.<String, Object>of("cutoff", SqlTime.utc(now.minus(retention.callRecords())));
        removed.put("call_attempts", batches(OLD_ATTEMPTS, records));
        removed.put("calls", batches(OLD_CALLS, records));
        removed.put("sessions", batches(OLD_SESSIONS, records));
        removed.put("bookings", batches(OLD_BOOKINGS, records) + batches(OLD_TICKETS, records));
        removed.put("archived_payloads", batches(OLD_ARCHIVED_PAYLOADS, records));
        return new Purged(removed);
    }

    private int batches(String sql, Map<String, Object> params) {
        int total = 0;
        int done;
        do {
            done = jdbc.sql(sql).params(params).param("batch", BATCH).update();
            total += done;
        } while (done == BATCH);
        return total;
    }
}
