package sa.navaia.dialer.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;

class ContactRetrySchedulerIT {

    private static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void busyIsRetriedAfterTheBackoffUntilAttemptsRunOutAndCompletedIsFinal(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            Object now = SqlTime.utc(NOW);
            jdbc.sql("""
                    INSERT INTO campaigns (name, status, agent_name, caller_id, default_region, allowed_countries, time_zone,
                        window_start, window_end, allowed_days, requires_consent, max_attempts, retry_backoff_minutes,
                        min_gap_minutes, machine_detection, calls_per_second, max_live_calls, created_at, updated_at)
                    VALUES ('c', 'active', 'support', '+19383362295', 'US', 'US', 'UTC', '09:00', '18:00', 'MON', FALSE, 3,
                        '60,240', 30, 'Enable', 1, 10, :now, :now)""").param("now", now).update();
            long campaign = jdbc.sql("SELECT id FROM campaigns").query(Long.class).single();
            for (int attempts = 1; attempts <= 3; attempts++) {
                jdbc.sql("""
                        INSERT INTO contacts (campaign_id, phone_e164, status, attempts_made, created_at, updated_at)
                        VALUES (:campaign, :phone, 'dialing', :attempts, :now, :now)""")
                        .param("campaign", campaign).param("phone", "+1938555000" + attempts).param("attempts", attempts)
                        .param("now", now).update();
            }
            ContactRetryScheduler scheduler = new ContactRetryScheduler(db.dataSource(), clock);

            scheduler.callEnded(session(jdbc, "+19385550001"), "busy", NOW);
            scheduler.callEnded(session(jdbc, "+19385550002"), "no-answer", NOW);
            scheduler.callEnded(session(jdbc, "+19385550003"), "voicemail", NOW);

            assertThat(state(jdbc, "+19385550001")).isEqualTo("retry@" + SqlTime.utc(NOW.plus(Duration.ofMinutes(60))));
            assertThat(state(jdbc, "+19385550002")).isEqualTo("retry@" + SqlTime.utc(NOW.plus(Duration.ofMinutes(240))));
            assertThat(state(jdbc, "+19385550003")).isEqualTo("done:voicemail");

            scheduler.callEnded(session(jdbc, "+19385550001"), "completed", NOW);
            assertThat(state(jdbc, "+19385550001")).isEqualTo("done:completed");
        }
    }

    @Test
    void theLastBackoffRepeats() {
        assertThat(ContactRetryScheduler.backoff("60,240,1440", 1)).isEqualTo(Duration.ofMinutes(60));
        assertThat(ContactRetryScheduler.backoff("60,240,1440", 3)).isEqualTo(Duration.ofMinutes(1440));
        assertThat(ContactRetryScheduler.backoff("60,240,1440", 9)).isEqualTo(Duration.ofMinutes(1440));
    }

    private static VoiceSession session(JdbcClient jdbc, String phone) {
        long contact = jdbc.sql("SELECT id FROM contacts WHERE phone_e164 = :p").param("p", phone).query(Long.class).single();
        return new VoiceSession("vs_" + contact, SessionStatus.BUSY, "support", phone, java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.of(contact), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), NOW, NOW);
    }

    private static String state(JdbcClient jdbc, String phone) {
        return jdbc.sql("SELECT status, next_attempt_at, final_outcome FROM contacts WHERE phone_e164 = :p").param("p", phone)
                .query((rs, row) -> "retry".equals(rs.getString(1))
                        ? "retry@" + SqlTime.utc(SqlTime.instant(rs, "next_attempt_at"))
                        : rs.getString(1) + ":" + rs.getString(3)).single();
    }
}
