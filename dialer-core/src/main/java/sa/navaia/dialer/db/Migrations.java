package sa.navaia.dialer.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the schema migrations of the {@code sql} module (classpath {@code db/migration}). */
public final class Migrations {

    private final Flyway flyway;

    public Migrations(DataSource dataSource) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }

    /** What a run of {@link #migrate()} did, in words an operator reads. */
    public record Outcome(int applied, String version) {

        public boolean changedNothing() {
            return applied == 0;
        }

        public String describe() {
            return changedNothing()
                    ? "The database is up to date at schema version " + version + "; nothing to apply."
                    : "Applied " + applied + " migration" + (applied == 1 ? "" : "s") + "; the database is now at schema version " + version + ".";
        }
    }

    public Outcome migrate() {
        MigrateResult result = flyway.migrate();
        return new Outcome(result.migrationsExecuted, currentVersion());
    }

    public String currentVersion() {
        MigrationInfo current = flyway.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    public int pendingCount() {
        return flyway.info().pending().length;
    }
}
