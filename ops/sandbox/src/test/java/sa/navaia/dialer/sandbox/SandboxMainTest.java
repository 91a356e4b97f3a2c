package sa.navaia.dialer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
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
    void faultKnobsComeFromTheEnvironmentWithTheirDefaultsAndBadValuesAreNamed() {
        assertThat(SandboxMain.faults(java.util.Map.of()))
                .isEqualTo(new SandboxMain.Faults(0, Sandbox.Builder.DEFAULT_AGENT_LEG_FAILURE_RATE,
                        Sandbox.Builder.DEFAULT_PROMPTED_KEY_RATE));
        assertThat(SandboxMain.faults(java.util.Map.of("DIALER_SANDBOX_CALLBACK_DROP_RATE", "0.1",
                "DIALER_SANDBOX_AGENT_LEG_FAILURE_RATE", "0", "DIALER_SANDBOX_PROMPTED_KEY_RATE", "0.5")))
                .isEqualTo(new SandboxMain.Faults(0.1, 0, 0.5));
        assertThatThrownBy(() -> SandboxMain.faults(java.util.Map.of("DIALER_SANDBOX_AGENT_LEG_FAILURE_RATE", "2%")))
                .isInstanceOf(sa.navaia.dialer.config.InvalidSettingsException.class)
                .satisfies(e -> assertThat(((sa.navaia.dialer.config.InvalidSettingsException) e).problems())
                        .containsExactly("DIALER_SANDBOX_AGENT_LEG_FAILURE_RATE must be a number from 0 to 1, like 0.1 for"
                                + " one agent leg in ten; got \"2%\"."));
    }
}
