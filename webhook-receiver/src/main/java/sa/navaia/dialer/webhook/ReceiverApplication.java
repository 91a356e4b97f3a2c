package sa.navaia.dialer.webhook;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import sa.navaia.dialer.config.DialerSettings;

/**
 * Starts the receiver's Micronaut server with the dialer's own settings, database and clock as beans:
 * one configuration source ({@code SettingsLoader}), nothing read from Micronaut's property files.
 */
public final class ReceiverApplication {

    private ReceiverApplication() {
    }

    /** Starts on {@code port} ({@code -1} picks a free one); {@code extra} overrides Micronaut properties. */
    public static EmbeddedServer start(DialerSettings settings, DataSource dataSource, Clock clock, int port,
                                       Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.application.name", "dialer-webhook-receiver");
        properties.put("micronaut.server.port", port);
        properties.put("micronaut.server.host", "0.0.0.0");
        properties.put("micronaut.server.max-request-size", settings.receiver().maxBodyBytes());
        properties.put("micronaut.server.multipart.max-file-size", settings.receiver().maxBodyBytes());
        properties.put("micronaut.server.thread-selection", "MANUAL");
        // Per-request http.server.requests timers: nothing exports them (health shows WebhookMetrics' counters), and
        // they were 3% of the receiver's CPU under load.
        properties.put("micronaut.metrics.binders.web.enabled", false);
        properties.putAll(management(settings.monitoring().receiverPort()));
        properties.putAll(extra);
        ApplicationContext context = ApplicationContext.builder()
                .properties(properties)
                .singletons(settings, new ReceiverDatabase(dataSource), clock)
                .deduceEnvironment(false)
                .start();
        try {
            return context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /**
     * Health ({@code /health}, {@code /health/liveness}, {@code /health/readiness}) and {@code /prometheus} on their own
     * port, never on the public one; none at all with port 0.
     */
    private static Map<String, Object> management(int port) {
        Map<String, Object> properties = new HashMap<>();
        if (port == 0) {
            properties.put("endpoints.all.enabled", false);
            properties.put("micronaut.metrics.export.prometheus.enabled", false);
            return properties;
        }
        properties.put("endpoints.all.port", port);
        properties.put("endpoints.all.sensitive", true);
        properties.put("endpoints.health.sensitive", false);
        properties.put("endpoints.health.details-visible", "ANONYMOUS");
        properties.put("endpoints.health.disk-space.enabled", false);
        properties.put("endpoints.prometheus.sensitive", false);
        properties.put("micronaut.metrics.enabled", true);
        properties.put("micronaut.metrics.export.prometheus.enabled", true);
        properties.put("micronaut.metrics.export.prometheus.descriptions", true);
        return properties;
    }

    /** The database the receiver writes to, handed in by whoever started it (the main class or a test). */
    public record ReceiverDatabase(DataSource dataSource) {
    }
}
