package sa.navaia.dialer.webhook.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import sa.navaia.dialer.db.Migrations;
import sa.navaia.dialer.webhook.ReceiverApplication.ReceiverDatabase;

/**
 * Readiness ({@code /health/readiness} on the management port): down while the database does not answer or its schema
 * is behind this build's migrations. A receiver that is not ready still journals what it is sent (see the README).
 */
@Singleton
@Readiness
final class DatabaseReadiness extends AbstractHealthIndicator<Map<String, Object>> {

    private final ReceiverDatabase database;

    DatabaseReadiness(ReceiverDatabase database) {
        this.database = database;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        var problem = DatabaseCheck.problem(database);
        if (problem.isPresent()) {
            healthStatus = HealthStatus.DOWN;
            details.put("reason", problem.get());
            return details;
        }
        Migrations migrations = new Migrations(database.dataSource());
        int pending = migrations.pendingCount();
        details.put("schemaVersion", migrations.currentVersion());
        details.put("pendingMigrations", pending);
        healthStatus = pending == 0 ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    @Override
    protected String getName() {
        return "database";
    }
}
