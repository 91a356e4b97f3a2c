package sa.navaia.dialer.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sa.navaia.dialer.config.DatabaseSettings;

/** Connection pools for the configured database. */
public final class DataSources {

    private static final Pattern H2_FILE = Pattern.compile("^jdbc:h2:(?:file:)?([^;:][^;]*)");

    private DataSources() {
    }

    public static HikariDataSource create(DatabaseSettings settings, String poolName) {
        createH2Folder(settings.url());
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(10_000);
        if (settings.isMySql()) {
            config.addDataSourceProperty("rewriteBatchedStatements", "true");
            config.addDataSourceProperty("cachePrepStmts", "true");
            // The driver's defaults (25 statements, at most 256 characters each) leave most of our queries out of the
            // cache, and the driver parses them again on every execution.
            config.addDataSourceProperty("prepStmtCacheSize", "250");
            config.addDataSourceProperty("prepStmtCacheSqlLimit", "2048");
            config.addDataSourceProperty("useServerPrepStmts", "false");
            // Every transaction (Spring's and Bucket4j's) switches auto-commit off and on again; with the session
            // state kept here, a switch to the state the connection is already in is not sent to the server.
            config.addDataSourceProperty("useLocalSessionState", "true");
            config.addDataSourceProperty("cacheServerConfiguration", "true");
            config.addDataSourceProperty("cacheResultSetMetadata", "true");
            config.addDataSourceProperty("maintainTimeStats", "false");
        }
        return new HikariDataSource(config);
    }

    /** H2 creates the database file but not its folder. */
    private static void createH2Folder(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:") || url.startsWith("jdbc:h2:tcp:")) {
            return;
        }
        Matcher matcher = H2_FILE.matcher(url);
        if (!matcher.find()) {
            return;
        }
        Path parent = Path.of(matcher.group(1)).toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the database folder " + parent + ": " + e.getMessage(), e);
        }
    }
}
