package sa.navaia.dialer.app;

import java.util.stream.Stream;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.monitoring.WorkerMonitoring;

/** Starts the worker's Spring context with settings already read and validated by {@code SettingsLoader}. */
public final class DialerContext {

    private DialerContext() {
    }

    public static ConfigurableApplicationContext start(DialerSettings settings, String... properties) {
        return start(settings, WebApplicationType.NONE, properties);
    }

    /**
     * A long-running worker's context (the {@code worker} command, the demo): the same beans, plus health and Prometheus
     * endpoints on the management port ({@code DIALER_METRICS_PORT}; 0 serves none, as {@link #start} does). The main
     * web server serves nothing ({@code server.port=-1}): only the management port listens.
     */
    public static ConfigurableApplicationContext startWorker(DialerSettings settings, String... properties) {
        int port = settings.monitoring().workerPort();
        if (port == 0) {
            return start(settings, properties);
        }
        return start(settings, WebApplicationType.SERVLET, Stream.concat(Stream.of(properties), Stream.of(
                "server.port=-1", "management.server.port=" + port, WorkerMonitoring.ENABLED + "=true")).toArray(String[]::new));
    }

    private static ConfigurableApplicationContext start(DialerSettings settings, WebApplicationType web, String... properties) {
        return new SpringApplicationBuilder(DialerApplication.class)
                .web(web)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(properties)
                .initializers(context -> context.getBeanFactory().registerSingleton("dialerSettings", settings))
                .run();
    }
}
