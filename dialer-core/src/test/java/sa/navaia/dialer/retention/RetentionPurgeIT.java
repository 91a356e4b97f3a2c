package sa.navaia.dialer.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.DoNotCallScope;

/** Each kind of data goes when its retention is over, and not a day before; do-not-call entries stay. */
class RetentionPurgeIT {

    private static final Instant NOW = Instant.parse("2026-11-24T03:30:00Z");
    private static final Retention RETENTION = new Retention(Duration.ofDays(365), Duration.ofDays(30), Duration.ofDays(90),
            Retention.FIVE_YEARS);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void thePurgeRemovesEachKindPastItsRetentionAndKeepsTheRest(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            session(jdbc, "vs_old_transcript", NOW.minus(Duration.ofDays(366)));
            session(jdbc, "vs_new_transcript", NOW.minus(Duration.ofDays(364)));
            session(jdbc, "vs_past_five_years", NOW.minus(Duration.ofDays(5 * 366 + 1)));
            payload(jdbc, "audio_old", "post_call_audio", NOW.minus(Duration.ofDays(31)));
            payload(jdbc, "audio_new", "post_call_audio", NOW.minus(Duration.ofDays(29)));
            payload(jdbc, "transcript_old", "post_call_transcription", NOW.minus(Duration.ofDays(400)));
            contact(jdbc, "+19385550001", "done", NOW.minus(Duration.ofDays(91)));
            contact(jdbc, "+19385550002", "done", NOW.minus(Duration.ofDays(89)));
            contact(jdbc, "+19385550003", "pending", NOW.minus(Duration.ofDays(400)));
            new DoNotCallRepository(db.dataSource(), Clock.fixed(NOW.minus(Duration.ofDays(4000)), ZoneOffset.UTC))
                    .add("+19385550001", DoNotCallScope.SYSTEM, "opt-out", "long ago", null);

            RetentionPurge.Purged purged = new RetentionPurge(db.dataSource(), RETENTION, clock).purge();

            assertThat(text(jdbc, "SELECT transcript FROM voice_sessions WHERE id = 'vs_old_transcript'")).isNull();
            assertThat(text(jdbc, "SELECT transcript FROM voice_sessions WHERE id = 'vs_new_transcript'")).contains("hello");
            assertThat(count(jdbc, "SELECT COUNT(*) FROM voice_sessions WHERE id = 'vs_past_five_years'")).isZero();
            assertThat(count(jdbc, "SELECT COUNT(*) FROM call_attempts WHERE session_id = 'vs_past_five_years'")).isZero();
            assertThat(count(jdbc, "SELECT COUNT(*) FROM call_attempts WHERE session_id = 'vs_old_transcript'")).isOne();
            assertThat(text(jdbc, "SELECT body FROM webhook_inbox WHERE dedupe_key = 'audio_old'")).isEqualTo("{}");
            assertThat(text(jdbc, "SELECT body FROM webhook_inbox WHERE dedupe_key = 'audio_new'")).contains("secret");
            assertThat(text(jdbc, "SELECT body FROM webhook_inbox WHERE dedupe_key = 'transcript_old'")).isEqualTo("{}");
            assertThat(text(jdbc, "SELECT variables FROM contacts WHERE phone_e164 = '+19385550001'")).isNull();
            assertThat(text(jdbc, "SELECT variables FROM contacts WHERE phone_e164 = '+19385550002'")).contains("order");
            assertThat(text(jdbc, "SELECT variables FROM contacts WHERE phone_e164 = '+19385550003'")).contains("order");
            assertThat(new DoNotCallRepository(db.dataSource(), clock).listing("+19385550001", 1)).contains(DoNotCallScope.SYSTEM);
            assertThat(purged.removed()).containsEntry("transcripts", 2).containsEntry("audio_payloads", 1)
                    .containsEntry("variables", 1).containsEntry("call_attempts", 1).containsEntry("sessions", 1);
        }
    }

    private static void session(JdbcClient jdbc, String id, Instant at) {
        jdbc.sql("""
                INSERT INTO voice_sessions (id, status, agent_name, customer_phone, created_at, transcript, updated_at)
                VALUES (:id, 'transcribed', 'support', '+19385550001', :at, '[{"role":"user","message":"hello"}]', :at)""")
                .param("id", id).param("at", SqlTime.utc(at)).update();
        jdbc.sql("""
                INSERT INTO call_attempts (decision, reason_code, phone_e164, status, session_id, decided_at)
                VALUES ('dial', 'eligible', '+19385550001', 'ended', :id, :at)""").param("id", id).param("at", SqlTime.utc(at)).update();
    }

    private static void payload(JdbcClient jdbc, String key, String type, Instant at) {
        jdbc.sql("""
                INSERT INTO webhook_inbox (source, event_type, dedupe_key, request_path, body, status, received_at)
                VALUES ('elevenlabs', :type, :key, '/voice/post_call', '{"secret":"audio"}', 'processed', :at)""")
                .param("type", type).param("key", key).param("at", SqlTime.utc(at)).update();
    }

    private static void contact(JdbcClient jdbc, String phone, String status, Instant at) {
        jdbc.sql("""
                INSERT INTO contacts (campaign_id, phone_e164, variables, status, created_at, updated_at)
                VALUES (1, :phone, '{"order":"A-1"}', :status, :at, :at)""")
                .param("phone", phone).param("status", status).param("at", SqlTime.utc(at)).update();
    }

    private static String text(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(String.class).optional().orElse(null);
    }

    private static int count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
