package sa.navaia.dialer.app;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import sa.navaia.dialer.config.DialerSettings;

/** Starts the worker's Spring context with settings already read and validated by {@code SettingsLoader}. */
public final class DialerContext {

    private DialerContext() {
    }

    /**
     * The {@code worker} command's context: the same beans, plus its health and Prometheus endpoints on the management
     * port ({@code DIALER_METRICS_PORT}; 0 turns them off). Its main web server serves nothing yet ({@code server.port=-1}).
     */
    public static ConfigurableApplicationContext startWorker(DialerSettings settings) {
        int port = settings.monitoring().workerPort();
        if (port == 0) {
            return start(settings);
        }
        return new SpringApplicationBuilder(DialerApplication.class)
                .web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("server.port=-1", "management.server.port=" + port,
                        sa.navaia.dialer.monitoring.WorkerMonitoring.ENABLED + "=true")
                .initializers(context -> context.getBeanFactory().registerSingleton("dialerSettings", settings))
                .run();
    }

    public static ConfigurableApplicationContext start(DialerSettings settings, String... properties) {
        return new SpringApplicationBuilder(DialerApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(properties)
                .initializers(context -> context.getBeanFactory().registerSingleton("dialerSettings", settings))
                .run();
    }
}
