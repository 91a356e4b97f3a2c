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

    /** Queuing attaches the SID and caller ID once and moves a created session and call row to queued, never back. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void queuingAttachesTheSidOnceAndOnlyMovesForward(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            VoiceSessionRepository sessions = new VoiceSessionRepository(db.dataSource(), clock);
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            String fresh = SessionIds.next();
            String ringing = SessionIds.next();
            sessions.create(new NewSession(fresh, "support", "+19385550001", null, null, null, null));
            sessions.create(new NewSession(ringing, "support", "+19385550002", null, null, null, null));
            sessions.attachCallSid(ringing, "CA-first", "+19383362295");
            sessions.advance(ringing, SessionStatus.RINGING);

            sessions.queued(fresh, "CA-fresh", "+19383362295");
            sessions.queued(ringing, "CA-late", "+19383369999");

            assertThat(sessions.find(fresh).orElseThrow().status()).isEqualTo(SessionStatus.QUEUED);
            assertThat(sessions.find(fresh).orElseThrow().callSid()).contains("CA-fresh");
            assertThat(jdbc.sql("SELECT status, call_sid, from_number FROM calls WHERE session_id = :id").param("id", fresh)
                    .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).single())
                    .isEqualTo("queued CA-fresh +19383362295");
            assertThat(sessions.find(ringing).orElseThrow().status()).as("a late queued moves nothing back").isEqualTo(SessionStatus.RINGING);
            assertThat(sessions.find(ringing).orElseThrow().callSid()).contains("CA-first");
            assertThat(jdbc.sql("SELECT status, call_sid, from_number FROM calls WHERE session_id = :id").param("id", ringing)
                    .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).single())
                    .isEqualTo("ringing CA-first +19383362295");
        }
    }
}
