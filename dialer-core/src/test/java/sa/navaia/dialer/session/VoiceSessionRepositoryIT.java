package sa.navaia.dialer.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.TestDatabase;

class VoiceSessionRepositoryIT {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T04:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aSessionOnlyMovesForward(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            VoiceSessionRepository sessions = new VoiceSessionRepository(db.dataSource(), clock);
            String id = SessionIds.next();
            sessions.create(new NewSession(id, "support", "+19385550001", "cust-1", 1L, 2L, 3L));
            sessions.attachCallSid(id, "CA0123", "+19383362295");

            assertThat(sessions.advance(id, SessionStatus.RINGING)).isTrue();
            assertThat(sessions.advance(id, SessionStatus.INITIATED)).as("late initiated").isFalse();
            assertThat(sessions.advance(id, SessionStatus.RINGING)).as("duplicate").isFalse();
            assertThat(sessions.advance(id, SessionStatus.COMPLETED)).isTrue();
            assertThat(sessions.advance(id, SessionStatus.FAILED)).as("terminal is final").isFalse();
            assertThat(sessions.advance(id, SessionStatus.TRANSCRIBED)).isTrue();

            assertThat(sessions.findByCallSid("CA0123").orElseThrow().status()).isEqualTo(SessionStatus.TRANSCRIBED);
            assertThat(JdbcClient.create(db.dataSource()).sql("SELECT status FROM calls WHERE session_id = :id")
                    .param("id", id).query(String.class).single()).isEqualTo("completed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aTranscriptBeforeTheFinalCallbackStillLetsTheCallEndOnce(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            VoiceSessionRepository sessions = new VoiceSessionRepository(db.dataSource(), clock);
            String id = SessionIds.next();
            sessions.create(new NewSession(id, "support", "+19385550001", null, null, null, null));
            sessions.advance(id, SessionStatus.IN_PROGRESS);

            assertThat(sessions.advance(id, SessionStatus.TRANSCRIBED)).isTrue();
            assertThat(sessions.advance(id, SessionStatus.COMPLETED)).as("the call ends").isTrue();
            assertThat(sessions.advance(id, SessionStatus.COMPLETED)).as("duplicate").isFalse();

            assertThat(sessions.find(id).orElseThrow().status()).isEqualTo(SessionStatus.TRANSCRIBED);
            assertThat(JdbcClient.create(db.dataSource()).sql("SELECT status FROM calls WHERE session_id = :id")
                    .param("id", id).query(String.class).single()).isEqualTo("completed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCallSidIsAttachedOnce(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            VoiceSessionRepository sessions = new VoiceSessionRepository(db.dataSource(), clock);
            String id = SessionIds.next();
            sessions.create(new NewSession(id, "support", "+19385550001", null, null, null, null));

            assertThat(sessions.attachCallSid(id, "CA1", "+19383362295")).isTrue();
            assertThat(sessions.attachCallSid(id, "CA2", "+19383362295")).isFalse();
            assertThat(sessions.find(id).orElseThrow().callSid()).contains("CA1");
        }
    }
}
