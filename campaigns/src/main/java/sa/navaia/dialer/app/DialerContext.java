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
        return new SpringApplicationBuilder(DialerApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(properties)
                .initializers(context -> context.getBeanFactory().registerSingleton("dialerSettings", settings))
                .run();
    }
}
