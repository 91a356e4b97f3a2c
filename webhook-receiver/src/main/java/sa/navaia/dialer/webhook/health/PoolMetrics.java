package sa.navaia.dialer.webhook.health;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import sa.navaia.dialer.webhook.ReceiverApplication.ReceiverDatabase;

/** The receiver's connection pool in the metrics ({@code hikaricp_connections_*}, pool "receiver"), as the worker's is. */
@Context
@Requires(property = "micronaut.metrics.enabled", value = "true")
final class PoolMetrics {

    PoolMetrics(ReceiverDatabase database, MeterRegistry registry) {
        if (database.dataSource() instanceof HikariDataSource pool && pool.getMetricRegistry() == null
                && pool.getMetricsTrackerFactory() == null) {
            pool.setMetricRegistry(registry);
        }
    }
}
