package sa.navaia.dialer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sa.navaia.dialer.config.InvalidSettingsException;
import sa.navaia.dialer.config.SandboxSettings;

class SandboxMainTest {

    @Test
    void webhookUrlsAreBelowTheApiUrl() {
        assertThat(Sandbox.under(URI.create("http://127.0.0.1:8000"), "/voice/post_call"))
                .isEqualTo(URI.create("http://127.0.0.1:8000/voice/post_call"));
        assertThat(Sandbox.under(URI.create("https://dialer.example.com/base/"), "/api/elevenlabs/personalization"))
                .isEqualTo(URI.create("https://dialer.example.com/base/api/elevenlabs/personalization"));
    }

    @Test
    void invalidSettingsAreRefusedWithEveryProblemNamed() {
        SandboxSettings settings = new SandboxSettings(0, 1, 0, -1, 0, 1.5, 0);

        assertThatThrownBy(() -> Sandbox.builder(settings).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeScale must be above 0")
                .hasMessageContaining("accountCallsPerSecond must be above 0")
                .hasMessageContaining("apiLatencyMillis must be 0 or more")
                .hasMessageContaining("duplicateCallbackRate must be between 0 and 1");
    }

    @Test
    void theAgentLegFailureRateComesFromTheEnvironmentOrKeepsItsDefault() {
        assertThat(SandboxMain.agentLegFailureRate(Map.of())).isEqualTo(Sandbox.Builder.DEFAULT_AGENT_LEG_FAILURE_RATE);
        assertThat(SandboxMain.agentLegFailureRate(Map.of(SandboxMain.AGENT_LEG_FAILURE_RATE, "0"))).isZero();
        assertThatThrownBy(() -> SandboxMain.agentLegFailureRate(Map.of(SandboxMain.AGENT_LEG_FAILURE_RATE, "2%")))
                .isInstanceOf(InvalidSettingsException.class);
    }
}
