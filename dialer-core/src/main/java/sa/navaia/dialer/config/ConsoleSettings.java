package sa.navaia.dialer.config;

/** The console and HTTP API that {@code ops/dialer worker} serves: the port it listens on. */
public record ConsoleSettings(int port) {
}
