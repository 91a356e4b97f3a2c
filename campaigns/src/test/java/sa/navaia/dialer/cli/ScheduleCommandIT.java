package sa.navaia.dialer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.DatabaseSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.db.Migrations;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;

/**
 * {@code dialer schedule} and {@code dialer campaign show} as a campaign manager runs them (the packaged CLI, a real
 * process): a schedule whose runs all start while the campaign's contacts are outside their calling window is flagged
 * when it is set and whenever the campaign is shown; a schedule inside their window is not. ScheduleReachCheckIT covers
 * the check itself.
 */
class ScheduleCommandIT {

    /** 03:00 UTC is 22:00 or 23:00 in New York, and the run's hour after it is still outside 08:00-21:00, any day of the year. */
    private static final String AT_NIGHT_IN_NEW_YORK = "0 0 3 * * ?";
    /** 15:00 UTC is 10:00 or 11:00 in New York. */
    private static final String IN_THE_MORNING_IN_NEW_YORK = "0 0 15 * * ?";

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aScheduleThatCanNeverReachTheContactsIsFlaggedWhenSetAndWhenShown(TestDatabase kind) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("DIALER_DATA_DIR", workDir.resolve("data").toString(),
                "API_URL", "http://127.0.0.1:9"));
        try (Database database = database(kind, env)) {
            addCampaignWithNewYorkContacts(database.dataSource(), 3);

            LauncherIT.Run night = LauncherIT.run(workDir, env, "schedule", "--campaign", "nightly", "--cron", AT_NIGHT_IN_NEW_YORK);
            LauncherIT.Run shownAtNight = LauncherIT.run(workDir, env, "campaign", "show", "nightly");
            LauncherIT.Run morning = LauncherIT.run(workDir, env, "schedule", "--campaign", "nightly", "--cron",
                    IN_THE_MORNING_IN_NEW_YORK);
            LauncherIT.Run shownInTheMorning = LauncherIT.run(workDir, env, "campaign", "show", "nightly");

            String warning = "Warning: the schedule \"" + AT_NIGHT_IN_NEW_YORK + "\" (UTC) starts every run of the next 14 days"
                    + " while all 3 contacts still to call are outside their calling window (08:00-21:00 in each recipient's"
                    + " zone): each run would call nobody and record 3 skips.";
            assertThat(night.exitCode()).as(night.err()).isZero();
            assertThat(night.out()).contains("Campaign nightly dials on \"" + AT_NIGHT_IN_NEW_YORK + "\" in UTC; next run at")
                    .contains(warning);
            assertThat(shownAtNight.exitCode()).as(shownAtNight.err()).isZero();
            assertThat(shownAtNight.out()).contains("schedule \"" + AT_NIGHT_IN_NEW_YORK + "\"").contains(warning);
            assertThat(morning.exitCode()).as(morning.err()).isZero();
            assertThat(morning.out()).contains("dials on \"" + IN_THE_MORNING_IN_NEW_YORK + "\"").doesNotContain("Warning");
            assertThat(shownInTheMorning.out()).contains("schedule \"" + IN_THE_MORNING_IN_NEW_YORK + "\"")
                    .doesNotContain("Warning");
        }
    }

    private static void addCampaignWithNewYorkContacts(DataSource dataSource, int contacts) {
        Instant now = Clock.systemUTC().instant();
        new CampaignRepository(dataSource, Clock.systemUTC()).create(Campaign.draft("nightly", "support", "+19383362295", "US", now)
                .withDialing(Set.of("US"), ZoneId.of("UTC"), LocalTime.of(8, 0), LocalTime.of(21, 0),
                        EnumSet.allOf(DayOfWeek.class), Optional.empty(), false, 3, List.of(Duration.ofMinutes(60)),
                        Duration.ofMinutes(60), "Enable", 5, 10));
        JdbcClient jdbc = JdbcClient.create(dataSource);
        for (int i = 0; i < contacts; i++) {
            jdbc.sql("""
                    INSERT INTO contacts (campaign_id, phone_e164, time_zones, consent, status, created_at, updated_at)
                    SELECT id, :phone, 'America/New_York', TRUE, 'pending', :now, :now FROM campaigns WHERE name = 'nightly'""")
                    .param("phone", "+1212555010" + i).param("now", SqlTime.utc(now)).update();
        }
    }

    /** The database the CLI and the test share: on H2 the CLI's own file database (which lets a second process in). */
    private record Database(DataSource dataSource, AutoCloseable cleanup) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            cleanup.close();
        }
    }

    private Database database(TestDatabase kind, Map<String, String> env) {
        if (kind == TestDatabase.H2) {
            DatabaseSettings settings = SettingsLoader.load(env, workDir.resolve("none.env")).database();
            var dataSource = DataSources.create(settings, "test");
            new Migrations(dataSource).migrate();
            return new Database(dataSource, dataSource::close);
        }
        TestDatabase.Migrated migrated = kind.create();
        DatabaseSettings settings = migrated.settings();
        env.putAll(Map.of("DIALER_DB_URL", settings.url(), "DIALER_DB_USER", settings.user(),
                "DIALER_DB_PASSWORD", settings.password()));
        return new Database(migrated.dataSource(), migrated::close);
    }
}
