package sa.navaia.dialer.config;

import java.time.Duration;

/**
 * The console and HTTP API that {@code ops/dialer worker} serves: the port it listens on, how long a console session
 * may sit idle and how long it may last at most, and the proxies whose forwarded headers it believes.
 */
public record ConsoleSettings(int port, Duration idleTimeout, Duration sessionLifetime, TrustedProxies trustedProxies) {
}
