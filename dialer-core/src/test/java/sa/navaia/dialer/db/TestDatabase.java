package sa.navaia.dialer.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import sa.navaia.dialer.config.DatabaseSettings;

/**
 * The two databases every repository test runs on: the embedded H2 (MySQL mode) and the MariaDB this
 * machine runs at 127.0.0.1:3306 (override with DIALER_TEST_MYSQL_URL / _USER / _PASSWORD). Each
 * {@link #create()} makes a fresh, migrated database of its own; MariaDB being unreachable fails the
 * test, it never skips it.
 */
public enum TestDatabase {
    H2("H2") {
        @Override
        public Migrated create() {
            String name = "dialer_test_" + UUID.randomUUID().toString().replace("-", "");
            DatabaseSettings settings = new DatabaseSettings(
                    "jdbc:h2:mem:" + name + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 8);
            return migrated(settings, () -> {
                try (Connection c = DriverManager.getConnection(settings.url(), "sa", "");
                     Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                }
            });
        }
    },
    MARIADB("MariaDB") {
        @Override
        public Migrated create() {
            String schema = "dialer_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
            String server = System.getenv().getOrDefault("DIALER_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/");
            String user = System.getenv().getOrDefault("DIALER_TEST_MYSQL_USER", "root");
            String password = System.getenv().getOrDefault("DIALER_TEST_MYSQL_PASSWORD", "");
            execute(server, user, password, "CREATE DATABASE " + schema);
            DatabaseSettings settings = new DatabaseSettings(server + schema, user, password, 8);
            return migrated(settings, () -> execute(server, user, password, "DROP DATABASE IF EXISTS " + schema));
        }
    };

    private final String label;

    TestDatabase(String label) {
        this.label = label;
    }

    /** A fresh database with every migration applied. Close it to drop it. */
    public abstract Migrated create();

    @Override
    public String toString() {
        return label;
    }

    /** A migrated test database; closing it closes the pool and drops the database. */
    public record Migrated(TestDatabase kind, DatabaseSettings settings, HikariDataSource dataSource, Cleanup cleanup)
            implements AutoCloseable {

        @Override
        public void close() {
            dataSource.close();
            try {
                cleanup.run();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not drop test database " + settings.url(), e);
            }
        }
    }

    @FunctionalInterface
    public interface Cleanup {
        void run() throws SQLException;
    }

    private static Migrated migrated(DatabaseSettings settings, Cleanup cleanup) {
        HikariDataSource dataSource = DataSources.create(settings, "test");
        new Migrations(dataSource).migrate();
        return new Migrated(settings.isH2() ? H2 : MARIADB, settings, dataSource, cleanup);
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB at " + url + " is needed by this test and did not answer: "
                    + e.getMessage() + ". Start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd", e);
        }
    }
}
