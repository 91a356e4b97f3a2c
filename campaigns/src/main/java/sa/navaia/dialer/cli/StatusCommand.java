package sa.navaia.dialer.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.ModeBanner;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.db.Migrations;

@Command(name = "status", description = "Show the mode, the database, its schema version and the campaigns.")
final class StatusCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        DialerSettings settings = SettingsLoader.fromEnvironment();
        System.out.println(ModeBanner.describe(settings));
        System.out.println("Database: " + settings.database().url());
        try (HikariDataSource dataSource = DataSources.create(settings.database(), "status")) {
            Migrations migrations = new Migrations(dataSource);
            int pending = migrations.pendingCount();
            System.out.println("Schema version: " + migrations.currentVersion()
                    + (pending == 0 ? " (up to date)" : " (" + pending + " migrations pending: run 'ops/dialer migrate')"));
            if (pending > 0) {
                return 1;
            }
            Map<String, Integer> byStatus = new TreeMap<>();
            for (Campaign campaign : new CampaignRepository(dataSource, Clock.systemUTC()).findAll()) {
                byStatus.merge(campaign.status().code(), 1, Integer::sum);
            }
            System.out.println("Campaigns: " + (byStatus.isEmpty() ? "none" : byStatus));
        }
        return 0;
    }
}
