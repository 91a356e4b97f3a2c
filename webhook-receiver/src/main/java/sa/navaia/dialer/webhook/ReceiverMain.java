package sa.navaia.dialer.webhook;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.InvalidSettingsException;
import sa.navaia.dialer.config.ModeBanner;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.db.Migrations;

/** Runs the webhook receiver: {@code java -jar dialer-webhook-receiver-*.jar}. The launcher migrates the schema. */
public final class ReceiverMain {

    private static final Logger log = LoggerFactory.getLogger(ReceiverMain.class);

    private ReceiverMain() {
    }

    public static void main(String[] args) {
        DialerSettings settings;
        try {
            settings = SettingsLoader.fromEnvironment();
        } catch (InvalidSettingsException e) {
            e.problems().forEach(System.err::println);
            System.exit(2);
            return;
        }
        ModeBanner.log(settings);
        HikariDataSource dataSource = DataSources.create(settings.database(), "receiver");
        int pending = new Migrations(dataSource).pendingCount();
        if (pending > 0) {
            System.err.println("The database at " + settings.database().url() + " has " + pending
                    + " pending schema migration(s); run the launcher's migrate step first, then start the receiver.");
            dataSource.close();
            System.exit(3);
            return;
        }
        var server = ReceiverApplication.start(settings, dataSource, Clock.systemUTC(), settings.receiver().port(), Map.of());
        log.info("Webhook receiver listening on port {}; public URL {}", server.getPort(), settings.receiver().apiUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.getApplicationContext().close();
            dataSource.close();
        }, "receiver-shutdown"));
    }
}
