package sa.navaia.dialer.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.dialing.CallAttemptRepository;
import sa.navaia.dialer.eligibility.Decision;
import sa.navaia.dialer.eligibility.ReasonCode;
import sa.navaia.dialer.report.AttemptReport;
import sa.navaia.dialer.report.AttemptReportRepository;

/**
 * The README's recipe for partitioning {@code call_attempts} by month ({@code ops/deploy/mariadb/partition-call-attempts.sql}),
 * run on MariaDB (H2 has no partitions): the dialer still records attempts, reports a month from its own partition,
 * purges old rows, and a month dropped whole takes only its own rows.
 */
class PartitionRecipeIT {

    private static final Path RECIPE = Path.of("../ops/deploy/mariadb/partition-call-attempts.sql");
    private static final Instant NOVEMBER = Instant.parse("2026-11-15T15:00:00Z");
    private static final Instant DECEMBER = Instant.parse("2026-12-10T15:00:00Z");

    @Test
    void theDialerKeepsRecordingReportingAndPurgingOnAPartitionedAttemptTable() throws IOException {
        try (TestDatabase.Migrated db = TestDatabase.MARIADB.create()) {
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            long campaign = new CampaignRepository(db.dataSource(), Clock.fixed(NOVEMBER, ZoneOffset.UTC))
                    .create(Campaign.draft("renewals", "support", "+19383362295", "US", NOVEMBER)).id();
            skip(jdbc, campaign, "+12125550101", NOVEMBER);
            skip(jdbc, campaign, "+12125550102", DECEMBER);

            for (String statement : statements(Files.readString(RECIPE))) {
                jdbc.sql(statement).update();
            }

            assertThat(jdbc.sql("""
                    SELECT partition_name, table_rows FROM information_schema.partitions
                     WHERE table_schema = DATABASE() AND table_name = 'call_attempts' ORDER BY partition_ordinal_position""")
                    .query((rs, row) -> rs.getString(1)).list()).containsExactly("p2026_11", "p2026_12", "pmax");
            Instant later = DECEMBER.plus(Duration.ofDays(10));
            Decision eligible = new Decision(Decision.Action.DIAL, ReasonCode.ELIGIBLE, "eligible", Optional.empty(),
                    Optional.empty(), Optional.empty());
            long recorded = new CallAttemptRepository(db.dataSource(), Clock.fixed(later, ZoneOffset.UTC))
                    .recordApiDecision("+12125550103", "+19383362295", eligible, "vs_after_partitioning");
            assertThat(jdbc.sql("SELECT session_id FROM call_attempts WHERE id = :id").param("id", recorded)
                    .query(String.class).single()).isEqualTo("vs_after_partitioning");

            AttemptReport december = new AttemptReportRepository(db.dataSource(), Clock.fixed(later, ZoneOffset.UTC))
                    .report(campaign, "renewals", Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
            assertThat(december.rows().first(10)).extracting(row -> row.phoneE164()).containsExactly("+12125550102");

            jdbc.sql("""
                    ALTER TABLE call_attempts REORGANIZE PARTITION pmax INTO (
                      PARTITION p2027_01 VALUES LESS THAN ('2027-02-01'), PARTITION pmax VALUES LESS THAN (MAXVALUE))""").update();
            jdbc.sql("ALTER TABLE call_attempts DROP PARTITION p2026_11").update();
            assertThat(phones(jdbc)).containsExactly("+12125550102", "+12125550103");

            Retention fiveYears = new Retention(Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(90), Retention.FIVE_YEARS);
            Instant fiveYearsOn = DECEMBER.plus(Retention.FIVE_YEARS).plus(Duration.ofDays(1));
            RetentionPurge.Purged purged = new RetentionPurge(db.dataSource(), fiveYears, Clock.fixed(fiveYearsOn, ZoneOffset.UTC)).purge();
            assertThat(purged.removed()).containsEntry("call_attempts", 1);
            assertThat(phones(jdbc)).containsExactly("+12125550103");
        }
    }

    private static List<String> phones(JdbcClient jdbc) {
        return jdbc.sql("SELECT phone_e164 FROM call_attempts ORDER BY phone_e164").query(String.class).list();
    }

    private static void skip(JdbcClient jdbc, long campaign, String phone, Instant at) {
        jdbc.sql("""
                INSERT INTO contacts (campaign_id, phone_e164, consent, status, created_at, updated_at)
                VALUES (:campaign, :phone, TRUE, 'pending', :at, :at)""")
                .params(Map.of("campaign", campaign, "phone", phone, "at", SqlTime.utc(at))).update();
        jdbc.sql("""
                INSERT INTO call_attempts (campaign_id, contact_id, decision, reason_code, reason_detail, phone_e164,
                                           caller_id, status, decided_at)
                SELECT :campaign, id, 'skip', 'OUTSIDE_CALLING_WINDOW', 'outside', phone_e164, '+19383362295', 'skipped', :at
                  FROM contacts WHERE phone_e164 = :phone""")
                .params(Map.of("campaign", campaign, "phone", phone, "at", SqlTime.utc(at))).update();
    }

    /** The file's statements: comment lines dropped, split at each semicolon that ends a line. */
    private static List<String> statements(String sql) {
        String code = Arrays.stream(sql.split("\n")).filter(line -> !line.strip().startsWith("--"))
                .reduce("", (all, line) -> all + line + "\n");
        return Arrays.stream(code.split(";\\s*\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
