package sa.navaia.dialer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.json.JsonMapper;
import sa.navaia.dialer.config.DatabaseSettings;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;

/**
 * The report streams its rows, on MariaDB (the database a list this size lives in): the packaged CLI, in a JVM of its
 * own with a heap far smaller than the rows would take if held together ({@value #ATTEMPTS} rows took about 1.4 KB each
 * when the report read them into a list, 84 MB), writes the CSV and the JSON with every row and the HTML with its first
 * 1,000 and a summary of all. The 1,000,000-row version, with the dry run, timings and heap peaks, is
 * {@code ops/bench/streaming.sh}; the dry run's paging is {@code DryRunIT}.
 */
class StreamingExportIT {

    private static final int ATTEMPTS = 60_000;
    private static final String REPORT_HEAP = "-Xmx32m";

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.class, names = "MARIADB")
    void theReportWritesEveryRowInAHeapTooSmallToHoldThem(TestDatabase kind) throws Exception {
        try (TestDatabase.Migrated db = kind.create()) {
            fill(db.dataSource());
            check(db.settings());
        }
    }

    private void check(DatabaseSettings settings) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of("DIALER_DATA_DIR", work.resolve("data").toString(),
                "DIALER_DB_URL", settings.url(), "DIALER_DB_USER", settings.user(), "DIALER_DB_PASSWORD", settings.password()));

        run(environment, REPORT_HEAP, "csv", "report", "--campaign", "night", "--from", "2026-11-01", "--to", "2026-11-30",
                "--format", "csv", "--out", work.resolve("report.csv").toString());
        List<String> csv = Files.readAllLines(work.resolve("report.csv"), StandardCharsets.UTF_8);
        assertThat(csv.get(0)).as("the compliance lines come first").startsWith("# imports: ");
        assertThat(csv.stream().filter(line -> !line.startsWith("#"))).as("the header and every row")
                .hasSize(ATTEMPTS + 1);
        assertThat(csv.get(csv.size() - 1)).contains(",skip,outside_calling_window,");

        run(environment, REPORT_HEAP, "html", "report", "--campaign", "night", "--from", "2026-11-01", "--to", "2026-11-30",
                "--format", "html", "--out", work.resolve("report.html").toString());
        String html = Files.readString(work.resolve("report.html"));
        assertThat(html).contains("The first 1000 of " + ATTEMPTS + " attempts and skips").contains("The full list is in the CSV")
                .contains("<svg");
        assertThat(html.split("<tr>", -1)).as("the table's header and its first 1,000 rows").hasSize(1 + 1 + 1000);
        assertThat(Files.readString(work.resolve("html.out"))).contains(ATTEMPTS + " decisions: 0 calls placed, "
                + ATTEMPTS + " contacts not called");

        run(environment, REPORT_HEAP, "json", "report", "--campaign", "night", "--from", "2026-11-01", "--to", "2026-11-30",
                "--format", "json", "--out", work.resolve("report.json").toString());
        try (JsonParser json = JsonMapper.builder().build().createParser(work.resolve("report.json").toFile())) {
            int rows = 0;
            String lastRule = null;
            while (json.nextToken() != null) {
                TokenStreamContext row = json.streamReadContext();
                if (json.currentToken() == JsonToken.PROPERTY_NAME && "reasonCode".equals(json.currentName())
                        && row.getParent().inArray() && "rows".equals(row.getParent().getParent().currentName())) {
                    rows++;
                    lastRule = json.nextStringValue();
                }
            }
            assertThat(rows).as("every row, read as a stream").isEqualTo(ATTEMPTS);
            assertThat(lastRule).isEqualTo("outside_calling_window");
        }
    }

    private void run(Map<String, String> environment, String heap, String name, String... args) throws Exception {
        Process process = PackagedCli.start(work, environment, List.of(heap, "-XX:+ExitOnOutOfMemoryError"), name, args);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(name + " ended").isTrue();
        assertThat(process.exitValue()).as(name + " exit; its errors: " + Files.readString(work.resolve(name + ".err")))
                .isZero();
    }

    /** A campaign and a November of skip rows, written in JDBC batches. */
    private static void fill(javax.sql.DataSource dataSource) throws Exception {
        LocalDateTime now = SqlTime.utc(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement campaign = c.prepareStatement("""
                    INSERT INTO campaigns (name, status, agent_name, caller_id, default_region, allowed_countries, time_zone,
                      window_start, window_end, allowed_days, requires_consent, max_attempts, retry_backoff_minutes,
                      min_gap_minutes, machine_detection, calls_per_second, max_live_calls, created_at, updated_at)
                    VALUES ('night', 'active', 'support', '+19383362295', 'US', 'US', 'UTC', '08:00:00', '21:00:00',
                      'MON,TUE,WED,THU,FRI,SAT,SUN', FALSE, 3, '60', 60, 'Enable', 1, 10, ?, ?)""")) {
                campaign.setObject(1, now);
                campaign.setObject(2, now);
                campaign.executeUpdate();
            }
            long campaignId;
            try (PreparedStatement id = c.prepareStatement("SELECT id FROM campaigns WHERE name = 'night'");
                 ResultSet rs = id.executeQuery()) {
                rs.next();
                campaignId = rs.getLong(1);
            }
            try (PreparedStatement attempt = c.prepareStatement("""
                    INSERT INTO call_attempts (campaign_id, contact_id, decision, reason_code, reason_detail, phone_e164,
                                               caller_id, recipient_zone, recipient_local_time, status, run_id, decided_at)
                    VALUES (?, NULL, 'skip', 'outside_calling_window',
                            'It is 03:00 for the recipient (America/New_York); calls are allowed 08:00-21:00.', ?,
                            '+19383362295', 'America/New_York', ?, 'skipped', 'dialCampaign/1', ?)""")) {
                Instant first = Instant.parse("2026-11-01T08:00:00Z");
                for (int i = 0; i < ATTEMPTS; i++) {
                    Instant at = first.plusSeconds(i * 10L);
                    attempt.setLong(1, campaignId);
                    attempt.setString(2, "+1212" + (2_000_000 + i));
                    attempt.setString(3, at.atOffset(ZoneOffset.ofHours(-5)).toLocalDateTime() + "-05:00");
                    attempt.setObject(4, SqlTime.utc(at));
                    attempt.addBatch();
                    if (i % 5_000 == 4_999) {
                        attempt.executeBatch();
                    }
                }
                attempt.executeBatch();
            }
            c.commit();
        }
    }
}
