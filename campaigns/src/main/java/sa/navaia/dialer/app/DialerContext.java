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

    public static ConfigurableApplicationContext start(DialerSettings settings, String... properties) {
        return start(WebApplicationType.NONE, settings, properties);
    }

    /**
     * The worker's context: the same, and the console and HTTP API served on {@code DIALER_CONSOLE_PORT} (Spring MVC
     * on embedded Tomcat, secured by {@code console.ConsoleSecurity}). Only the worker serves them; other commands stay
     * without a web server.
     */
    public static ConfigurableApplicationContext startWorker(DialerSettings settings, String... properties) {
        String[] web = {
                "server.port=" + settings.console().port(),
                // Behind a TLS-terminating proxy, X-Forwarded-Proto makes requests secure, and so the session cookie.
                "server.forward-headers-strategy=native",
                "server.servlet.session.cookie.http-only=true",
                "server.servlet.session.cookie.same-site=lax",
                "spring.servlet.multipart.max-file-size=512MB",
                "spring.servlet.multipart.max-request-size=512MB"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(web), java.util.Arrays.stream(properties))
                .toArray(String[]::new);
        return start(WebApplicationType.SERVLET, settings, all);
    }

    private static ConfigurableApplicationContext start(WebApplicationType type, DialerSettings settings, String... properties) {
        return new SpringApplicationBuilder(DialerApplication.class)
                .web(type)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(properties)
                .initializers(context -> context.getBeanFactory().registerSingleton("dialerSettings", settings))
                .run();
    }
}
