package sa.navaia.dialer.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;

class CallCountsIT {

    private static final Instant NOW = Instant.parse("2026-07-15T19:00:00Z");

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void countsTheCallsToANumberInTheLast24HoursAcrossCampaignsAndTheApiButNotThoseNeverPlaced(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            attempt(jdbc, 1L, "+14055550100", "ended", NOW.minus(Duration.ofHours(30)));
            attempt(jdbc, 1L, "+14055550100", "ended", NOW.minus(Duration.ofHours(20)));
            attempt(jdbc, 2L, "+14055550100", "placed", NOW.minus(Duration.ofHours(3)));
            attempt(jdbc, null, "+14055550100", "ended", NOW.minus(Duration.ofHours(1)));
            attempt(jdbc, 2L, "+14055550100", "not_placed", NOW.minus(Duration.ofMinutes(5)));
            attempt(jdbc, 1L, "+14055550199", "ended", NOW.minus(Duration.ofMinutes(5)));

            CallCounts.Recent recent = new CallCounts(db.dataSource()).since("+14055550100", NOW.minus(Duration.ofHours(24)));

            assertThat(recent.calls()).isEqualTo(3);
            assertThat(recent.earliest()).contains(NOW.minus(Duration.ofHours(20)));
            assertThat(new CallCounts(db.dataSource()).since("+14055550111", NOW.minus(Duration.ofHours(24))))
                    .isEqualTo(new CallCounts.Recent(0, Optional.empty()));
        }
    }

    private static void attempt(JdbcClient jdbc, Long campaignId, String phone, String status, Instant at) {
        jdbc.sql("""
                INSERT INTO call_attempts (campaign_id, decision, reason_code, phone_e164, status, decided_at)
                VALUES (:campaignId, 'dial', 'eligible', :phone, :status, :at)""")
                .param("campaignId", campaignId).param("phone", phone).param("status", status)
                .param("at", SqlTime.utc(at)).update();
    }
}
