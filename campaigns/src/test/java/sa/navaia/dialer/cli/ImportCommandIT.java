package sa.navaia.dialer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.DatabaseSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.db.Migrations;
import sa.navaia.dialer.db.TestDatabase;

/** {@code dialer import} as a campaign manager runs it: the packaged CLI, a real process. */
class ImportCommandIT {

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void importsAListReportsItsRejectsSaysSoWhenRunTwiceAndRefusesAListWithoutPhones(TestDatabase kind) throws Exception {
        Map<String, String> environment;
        TestDatabase.Migrated mariaDb = null;
        DatabaseSettings database;
        if (kind == TestDatabase.MARIADB) {
            mariaDb = kind.create();
            database = mariaDb.settings();
            environment = Map.of("DIALER_DB_URL", database.url(), "DIALER_DB_USER", database.user(),
                    "DIALER_DB_PASSWORD", database.password());
        } else {
            environment = Map.of();
            database = SettingsLoader.load(Map.of("DIALER_DATA_DIR", workDir.resolve("data").toString()),
                    workDir.resolve("none.env")).database();
        }
        try (HikariDataSource dataSource = DataSources.create(database, "test")) {
            new Migrations(dataSource).migrate();
            new CampaignRepository(dataSource, Clock.systemUTC())
                    .create(Campaign.draft("Spring promo", "agent", "+19383362295", "US", Clock.systemUTC().instant()));
        }
        Path list = Files.writeString(workDir.resolve("list.csv"),
                "phone;name;consent\n+12125550001;A;yes\n(212) 555-0002;B;yes\n212.555.0003;C;yes\n911;D;yes\n");
        Files.writeString(workDir.resolve("bad.csv"), "id,nom,tel\n1,a,+12125550004\n");

        try {
            LauncherIT.Run first = LauncherIT.run(workDir, environment, "import", "--campaign", "Spring promo", "list.csv");
            LauncherIT.Run second = LauncherIT.run(workDir, environment, "import", "--campaign", "1", "list.csv");
            LauncherIT.Run refused = LauncherIT.run(workDir, environment, "import", "--campaign", "Spring promo", "bad.csv");

            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).contains("4 rows read, 3 imported, 1 rejected, 0 suppressed (do-not-call), 0 duplicates.")
                    .contains("EMERGENCY_NUMBER: 1")
                    .contains("Rejects report: " + workDir.resolve("list.rejects.csv").toRealPath());
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).contains("Already imported on").contains("3 imported, 1 rejected; nothing changed.");
            assertThat(refused.exitCode()).isEqualTo(ImportCommand.REFUSED);
            assertThat(refused.err()).contains("Refused: No phone column: the header must name one of phone, phone_number,"
                    + " number, mobile; found: id, nom, tel.");
            assertThat(list).exists();
        } finally {
            if (mariaDb != null) {
                mariaDb.close();
            }
        }
    }
}
