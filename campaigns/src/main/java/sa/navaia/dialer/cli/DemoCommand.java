package sa.navaia.dialer.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.ModeBanner;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.db.Migrations;

@Command(name = "demo", description = "Run the demo on the embedded database (for now: prepares the embedded database).")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        DialerSettings settings = SettingsLoader.fromEnvironment();
        System.out.println(ModeBanner.describe(settings));
        try (HikariDataSource dataSource = DataSources.create(settings.database(), "demo")) {
            System.out.println("Database: " + settings.database().url());
            System.out.println(new Migrations(dataSource).migrate().describe());
        }
        System.out.println("The full demo (sandbox, receiver, worker, sample campaign) is not wired yet; the database is ready.");
        return 0;
    }
}
