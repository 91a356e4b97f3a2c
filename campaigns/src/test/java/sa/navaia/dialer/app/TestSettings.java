package sa.navaia.dialer.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.TestDatabase;

/** Sandbox-mode settings pointed at a test database, with optional overrides. */
public final class TestSettings {

    private TestSettings() {
    }

    public static DialerSettings forDatabase(TestDatabase.Migrated db) {
        return forDatabase(db, Map.of());
    }

    public static DialerSettings forDatabase(TestDatabase.Migrated db, Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "DIALER_DB_URL", db.settings().url(),
                "DIALER_DB_USER", db.settings().user(),
                "DIALER_DB_PASSWORD", db.settings().password()));
        environment.putAll(overrides);
        return SettingsLoader.load(environment, Path.of("does-not-exist.env"));
    }
}
