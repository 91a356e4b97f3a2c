package sa.navaia.dialer.sandbox;

import java.net.URI;
import java.time.Clock;
import sa.navaia.dialer.config.SandboxSettings;

/** Everything a running sandbox needs, validated once by {@link Sandbox.Builder#build()}. */
record SandboxConfig(
        SandboxSettings settings,
        String accountSid,
        String authToken,
        String webhookSecret,
        String agentNumber,
        String agentId,
        URI postCallUrl,
        boolean sendPostCallAudio,
        boolean sendCallInitiationFailures,
        Clock clock) {

    /** Real milliseconds for {@code simulatedSeconds} of call time at the configured time scale. */
    long realMillis(double simulatedSeconds) {
        return Math.round(simulatedSeconds * 1000 / settings.timeScale());
    }

    long millisBetweenCalls() {
        return (long) Math.ceil(1000 / settings.accountCallsPerSecond());
    }
}
