package sa.navaia.dialer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.DatabaseSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.db.Migrations;

/** {@code dialer import} as a campaign manager runs it: the packaged CLI, a real process. */
class ImportCommandIT {

    @TempDir
    Path workDir;

    /** One database is enough here (a process start costs seconds); ContactImportIT covers both databases. */
    @Test
    void importsAListReportsItsRejectsAndRefusesAListWithoutPhones() throws Exception {
        DatabaseSettings database = SettingsLoader.load(Map.of("DIALER_DATA_DIR", workDir.resolve("data").toString()),
                workDir.resolve("none.env")).database();
        try (HikariDataSource dataSource = DataSources.create(database, "test")) {
            new Migrations(dataSource).migrate();
            new CampaignRepository(dataSource, Clock.systemUTC())
                    .create(Campaign.draft("Spring promo", "agent", "+19383362295", "US", Clock.systemUTC().instant()));
        }
        Files.writeString(workDir.resolve("list.csv"),
                "phone;name;consent\n+12125550001;A;yes\n(212) 555-0002;B;yes\n212.555.0003;C;yes\n911;D;yes\n");
        Files.writeString(workDir.resolve("bad.csv"), "id,nom,telefono\n1,a,+12125550004\n");

        LauncherIT.Run imported = LauncherIT.run(workDir, Map.of(), "import", "--campaign", "Spring promo", "list.csv");
        LauncherIT.Run refused = LauncherIT.run(workDir, Map.of(), "import", "--campaign", "1", "bad.csv");

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("4 rows read, 3 imported, 1 rejected, 0 suppressed (do-not-call), 0 duplicates.")
                .contains("EMERGENCY_NUMBER: 1")
                .contains("Rejects report: " + workDir.resolve("list.rejects.csv").toRealPath());
        assertThat(refused.exitCode()).isEqualTo(ImportCommand.REFUSED);
        assertThat(refused.err()).contains("Refused: No phone column: the header must name one of phone, phone_number,"
                + " number, mobile,").contains("found: id, nom, telefono.");
    }
}
