package sa.navaia.dialer.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

class MigrationsIT {

    /** The seed's "Database Checks", verbatim. */
    private static final String SEED_SESSIONS_QUERY = """
            SELECT id, status, agent_name, customer_phone, created_at\s
            FROM voice_sessions\s
            ORDER BY created_at DESC\s
            LIMIT 10;""";
    private static final String SEED_CALLS_QUERY = """
            SELECT c.id, c.direction, c.status, c.created_at,
                   vs.agent_name, vs.extracted_intent
            FROM calls c
            LEFT JOIN voice_sessions vs ON c.conversation_id = vs.conversation_id
            ORDER BY c.created_at DESC
            LIMIT 10;""";

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void appliesEveryMigrationAndRunsTheSeedQueriesVerbatim(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            Instant now = Instant.parse("2026-11-24T04:00:00Z");
            jdbc.sql("""
                    INSERT INTO voice_sessions (id, status, agent_name, customer_phone, created_at, conversation_id,
                                                extracted_intent, updated_at)
                    VALUES ('vs_1', 'transcribed', 'support', '+19385551234', :now, 'conv_1', 'booking', :now)""")
                    .param("now", SqlTime.utc(now)).update();
            jdbc.sql("""
                    INSERT INTO calls (direction, status, created_at, conversation_id, session_id, call_sid, updated_at)
                    VALUES ('outbound', 'completed', :now, 'conv_1', 'vs_1', 'CA1', :now)""")
                    .param("now", SqlTime.utc(now)).update();

            List<Map<String, Object>> sessions = jdbc.sql(SEED_SESSIONS_QUERY).query().listOfRows();
            List<Map<String, Object>> calls = jdbc.sql(SEED_CALLS_QUERY).query().listOfRows();

            assertThat(sessions).singleElement().satisfies(row -> {
                assertThat(row.get("id")).isEqualTo("vs_1");
                assertThat(row.get("agent_name")).isEqualTo("support");
            });
            assertThat(calls).singleElement().satisfies(row -> {
                assertThat(row.get("direction")).isEqualTo("outbound");
                assertThat(row.get("extracted_intent")).isEqualTo("booking");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aSecondRunChangesNothingAndSaysSo(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            Migrations.Outcome again = new Migrations(db.dataSource()).migrate();

            assertThat(again.changedNothing()).isTrue();
            assertThat(again.describe()).startsWith("The database is up to date at schema version");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void createsTheTablesOfSpringBatchQuartzAndBucket4j(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            for (String table : List.of("BATCH_JOB_INSTANCE", "BATCH_STEP_EXECUTION_SEQ", "QRTZ_TRIGGERS",
                    "QRTZ_LOCKS", "rate_limit_buckets", "campaigns", "imports", "import_rejects", "contacts",
                    "call_attempts", "dnc_numbers", "webhook_inbox", "bookings", "tickets")) {
                assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single())
                        .as(table).isNotNegative();
            }
            assertThat(jdbc.sql("SELECT ID FROM BATCH_JOB_EXECUTION_SEQ").query(Long.class).single()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void constraintsRefuseWhatWouldBeABug(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            Object now = SqlTime.utc(Instant.now());
            String inbox = """
                    INSERT INTO webhook_inbox (source, event_type, dedupe_key, request_path, body, status, received_at)
                    VALUES ('twilio', 'status', 'CA1:ringing:1', '/api/twilio/status/vs_1', 'x', 'pending', :now)""";
            jdbc.sql(inbox).param("now", now).update();
            assertThatThrownBy(() -> jdbc.sql(inbox).param("now", now).update())
                    .isInstanceOf(DuplicateKeyException.class);

            String attempt = """
                    INSERT INTO call_attempts (campaign_id, contact_id, attempt_number, decision, reason_code,
                                               phone_e164, status, decided_at)
                    VALUES (1, 7, :attempt, :decision, 'eligible', '+19385551234', 'dialing', :now)""";
            jdbc.sql(attempt).param("attempt", 1).param("decision", "dial").param("now", now).update();
            assertThatThrownBy(() -> jdbc.sql(attempt).param("attempt", 1).param("decision", "dial").param("now", now).update())
                    .isInstanceOf(DuplicateKeyException.class);
            // skips carry no attempt number, so a contact may be skipped on many nights
            jdbc.sql(attempt).param("attempt", null).param("decision", "skip").param("now", now).update();
            jdbc.sql(attempt).param("attempt", null).param("decision", "skip").param("now", now).update();

            String session = """
                    INSERT INTO voice_sessions (id, status, created_at, call_sid, updated_at)
                    VALUES (:id, 'queued', :now, 'CA9', :now)""";
            jdbc.sql(session).param("id", "vs_a").param("now", now).update();
            assertThatThrownBy(() -> jdbc.sql(session).param("id", "vs_b").param("now", now).update())
                    .isInstanceOf(DuplicateKeyException.class);
        }
    }

    /** JDBC takes one statement without its terminating semicolon. */
    private static String strip(String query) {
        return query.endsWith(";") ? query.substring(0, query.length() - 1) : query;
    }
}
