package sa.navaia.dialer.sandbox;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import sa.navaia.dialer.config.SandboxSettings;

/** Everything a running sandbox needs, validated once by {@link Sandbox.Builder#build()}. */
record SandboxConfig(
        SandboxSettings settings,
        String accountSid,
        String authToken,
        String webhookSecret,
        List<Agent> agents,
        URI postCallUrl,
        boolean sendPostCallAudio,
        URI personalizationUrl,
        String personalizationSecret,
        String elevenLabsApiKey,
        boolean autoDisableFailingWebhooks,
        Clock clock,
        Set<String> ownedNumbers,
        int maxConcurrentRequests,
        double callbackDropRate,
        double agentLegFailureRate,
        double promptedKeyRate) {

    SandboxConfig {
        agents = List.copyOf(agents);
        ownedNumbers = Set.copyOf(ownedNumbers);
    }

    /** The agent whose imported number is {@code phoneNumber}, if any. */
    Optional<Agent> agentAt(String phoneNumber) {
        return agents.stream().filter(agent -> phoneNumber != null && phoneNumber.equals(agent.phoneNumber())).findFirst();
    }

    Optional<Agent> agent(String agentId) {
        return agents.stream().filter(agent -> agent.id().equals(agentId)).findFirst();
    }

    /** Real milliseconds for {@code simulatedSeconds} of call time at the configured time scale. */
    long realMillis(double simulatedSeconds) {
        return Math.round(simulatedSeconds * 1000 / settings.timeScale());
    }

    long millisBetweenCalls() {
        return (long) Math.ceil(1000 / settings.accountCallsPerSecond());
    }
}
