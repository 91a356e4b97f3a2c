package sa.navaia.dialer.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.db.Migrations;

@Command(name = "migrate", description = "Apply the schema migrations to the configured database (the embedded H2 file under ./data by default).")
final class MigrateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        DialerSettings settings = SettingsLoader.fromEnvironment();
        try (HikariDataSource dataSource = DataSources.create(settings.database(), "migrate")) {
            Migrations.Outcome outcome = new Migrations(dataSource).migrate();
            System.out.println("Database: " + settings.database().url());
            System.out.println(outcome.describe());
        }
        return 0;
    }
}
