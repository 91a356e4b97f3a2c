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
     * The worker's context (the {@code worker} command, the demo's console): the same beans, plus the console and HTTP
     * API on {@code DIALER_CONSOLE_PORT} (Spring MVC on embedded Tomcat, secured by {@code console.ConsoleSecurity}),
     * and health and Prometheus endpoints on the separate management port ({@code DIALER_METRICS_PORT}; 0 serves none).
     * Other commands stay without a web server.
     */
    public static ConfigurableApplicationContext startWorker(DialerSettings settings, String... properties) {
        int metricsPort = settings.monitoring().workerPort();
        Stream<String> web = Stream.of(
                "server.port=" + settings.console().port(),
                // Behind a TLS-terminating proxy, X-Forwarded-Proto makes requests secure, and so the session cookie;
                // X-Forwarded-* are believed only from DIALER_TRUSTED_PROXIES (none by default), never from any peer.
                "server.forward-headers-strategy=native",
                "server.tomcat.remoteip.internal-proxies=" + settings.console().trustedProxies().cidrList(),
                "server.servlet.session.timeout=" + settings.console().idleTimeout().toSeconds() + "s",
                "server.servlet.session.cookie.http-only=true",
                "server.servlet.session.cookie.same-site=lax",
                "spring.servlet.multipart.max-file-size=512MB",
                "spring.servlet.multipart.max-request-size=512MB",
                // Never on the console's port: health and metrics are for the operators' network only.
                "management.server.port=" + (metricsPort == 0 ? -1 : metricsPort),
                WorkerMonitoring.ENABLED + "=" + (metricsPort != 0));
        return start(settings, WebApplicationType.SERVLET, Stream.concat(web, Stream.of(properties)).toArray(String[]::new));
    }

    /**
     * A run with health and metrics but no console (the demo without {@code --console}): the management port only
     * ({@code DIALER_METRICS_PORT}; 0 serves nothing, as {@link #start} does); the main web server listens nowhere.
     */
    public static ConfigurableApplicationContext startMonitored(DialerSettings settings, String... properties) {
        int metricsPort = settings.monitoring().workerPort();
        if (metricsPort == 0) {
            return start(settings, properties);
        }
        return start(settings, WebApplicationType.SERVLET, Stream.concat(Stream.of(properties), Stream.of("server.port=-1",
                "management.server.port=" + metricsPort, WorkerMonitoring.ENABLED + "=true")).toArray(String[]::new));
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
