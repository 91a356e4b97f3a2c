package sa.navaia.dialer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    private static final Map<String, String> LIVE = Map.of(
            "DIALER_PERSONALIZATION_SECRET", "psec_0123456789abcdef",
            "ELEVENLABS_API_KEY", "sk_live_0123",
            "TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef",
            "TWILIO_AUTH_TOKEN", "token",
            "TWILIO_PHONE_NUMBER", "+19383362295",
            "ELEVENLABS_PHONE_NUMBER", "+19385550100",
            "API_URL", "https://dialer.example.com",
            "ELEVENLABS_WEBHOOK_SECRET", "wsec_123",
            "DIALER_JWT_SECRET", "0123456789abcdef0123456789abcdef");

    @Test
    void withoutTwilioCredentialsItRunsInSandboxModeAgainstTheLocalSandbox() {
        DialerSettings settings = SettingsLoader.load(Map.of(), dir.resolve(".env"));

        assertThat(settings.mode()).isEqualTo(Mode.SANDBOX);
        assertThat(settings.twilio().apiOrigin()).hasToString("http://127.0.0.1:8010");
        assertThat(settings.twilio().accountSid()).isEqualTo(SandboxSettings.ACCOUNT_SID);
        assertThat(settings.receiver().port()).isEqualTo(8000);
        assertThat(settings.database().url()).startsWith("jdbc:h2:file:").contains("MODE=MySQL");
        assertThat(ModeBanner.describe(settings)).startsWith("SANDBOX MODE");
    }

    @Test
    void withCredentialsItRunsLiveAgainstTwilio() {
        DialerSettings settings = SettingsLoader.load(LIVE, dir.resolve(".env"));

        assertThat(settings.mode()).isEqualTo(Mode.LIVE);
        assertThat(settings.twilio().apiOrigin()).isEqualTo(TwilioSettings.LIVE_ORIGIN);
        assertThat(settings.toString()).doesNotContain("token\"").doesNotContain("wsec_123");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            TWILIO_PHONE_NUMBER       | 938-336-2295  | TWILIO_PHONE_NUMBER must be E.164, like +19383362295; got "938-336-2295".
            ELEVENLABS_PHONE_NUMBER   | +1            | ELEVENLABS_PHONE_NUMBER must be E.164, like +19383362295; got "+1".
            TWILIO_ACCOUNT_SID        | SK123         | TWILIO_ACCOUNT_SID must be a Twilio account SID, AC followed by 32 hexadecimal characters; got "SK123".
            API_URL                   | http://x.com  | API_URL must use https in live mode, because Twilio calls it over the internet; got "http://x.com".
            DIALER_PORT               | eighty        | DIALER_PORT must be a whole number from 1 to 65535; got "eighty".
            DIALER_ACCOUNT_CPS        | -3            | DIALER_ACCOUNT_CPS must be a number greater than 0; got "-3".
            DIALER_JWT_SECRET         | short         | DIALER_JWT_SECRET must be at least 32 characters long; got 5.
            DIALER_DB_URL             | jdbc:oracle:x | DIALER_DB_URL must be a jdbc:mysql:, jdbc:mariadb: or jdbc:h2: URL, like jdbc:mysql://127.0.0.1:3306/dialer; got "jdbc:oracle:x".
            DIALER_SANDBOX_REORDER_RATE | 1.5         | DIALER_SANDBOX_REORDER_RATE must be a number from 0 to 1; got "1.5".
            DIALER_AGENTS             | support       | DIALER_AGENTS entries are name:agent_id:number or name:agent_id:register-call, like support:agent_7101k:+19385550100,sales:agent_9f2c:register-call; got "support".
            DIALER_AGENTS             | s:agent_1:555 | DIALER_AGENTS: agent s must end with its E.164 number, like +19385550100, or with register-call; got "555".
            DIALER_AGENTS             | s:agent_1:+19385550100,S:agent_2:+19385550101 | DIALER_AGENTS: The agent name "S" is given twice.
            DIALER_PERSONALIZATION_SECRET | short     | DIALER_PERSONALIZATION_SECRET must be at least 16 characters long; got 5.
            DIALER_TRUSTED_PROXIES    | 10.0.0.0/8,lb.internal | DIALER_TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges, like 10.0.0.0/8,192.168.1.7; "lb.internal" is neither.
            DIALER_RETENTION_CALL_RECORD_DAYS | 365   | DIALER_RETENTION_CALL_RECORD_DAYS must be a whole number from 1830 to 36500; got "365".
            DIALER_CONSOLE_IDLE_TIMEOUT | 30 minutes  | DIALER_CONSOLE_IDLE_TIMEOUT must be a whole number greater than 0 followed by s, m or h, like 30m; got "30 minutes".
            DIALER_TRUSTED_PROXIES    | 10.0.0.0/33   | DIALER_TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges, like 10.0.0.0/8,192.168.1.7; "10.0.0.0/33" is neither.
            """)
    void aBadSettingStopsStartUpWithASentenceNamingIt(String name, String value, String sentence) {
        Map<String, String> environment = new java.util.HashMap<>(LIVE);
        environment.put(name, value);

        assertThatThrownBy(() -> SettingsLoader.load(environment, dir.resolve(".env")))
                .isInstanceOfSatisfying(InvalidSettingsException.class,
                        e -> assertThat(e.problems()).containsExactly(sentence));
    }

    @Test
    void severalAgentsEachReachedTheirOwnWay() {
        Map<String, String> environment = new java.util.HashMap<>(LIVE);
        environment.remove("ELEVENLABS_PHONE_NUMBER");
        environment.put("DIALER_AGENTS", "support:agent_7101k:+19385550100, sales:agent_9f2c:register-call");
        environment.put("ELEVENLABS_API_KEY", "sk_0123");

        DialerSettings settings = SettingsLoader.load(environment, dir.resolve(".env"));

        var agents = settings.elevenLabs().agents();
        assertThat(agents.names()).isEqualTo("support, sales");
        assertThat(agents.require("SALES").connection()).isEqualTo(sa.navaia.dialer.agent.AgentConnection.REGISTER_CALL);
        assertThat(agents.byNumber("+19385550100")).map(sa.navaia.dialer.agent.Agent::agentId).contains("agent_7101k");
        assertThat(settings.elevenLabs().phoneNumber()).as("the seed's health shows the first agent's number")
                .isEqualTo("+19385550100");
        assertThat(settings.elevenLabs().apiUrl()).isEqualTo(ElevenLabsSettings.LIVE_API_ORIGIN);
        assertThat(settings.toString()).doesNotContain("sk_0123");
    }

    @Test
    void withoutAgentsTheSeedsNumberIsTheOneAgentSupport() {
        DialerSettings settings = SettingsLoader.load(Map.of(), dir.resolve(".env"));

        assertThat(settings.elevenLabs().agents().all()).singleElement()
                .satisfies(agent -> assertThat(agent.spelled()).isEqualTo("support:agent_sandbox:+19385550100"));
        assertThat(settings.elevenLabs().apiUrl()).hasToString("http://127.0.0.1:8010");
    }

    @Test
    void aRegisterCallAgentNeedsTheApiKeyInLiveMode() {
        Map<String, String> environment = new java.util.HashMap<>(LIVE);
        environment.put("DIALER_AGENTS", "sales:agent_9f2c:register-call");
        environment.remove("ELEVENLABS_API_KEY");

        assertThatThrownBy(() -> SettingsLoader.load(environment, dir.resolve(".env")))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("ELEVENLABS_API_KEY must be set in live mode: the sweeper fetches transcripts"
                                + " ElevenLabs did not deliver, and register-call agents need it (sales:agent_9f2c:register-call)."));
    }

    @Test
    void liveModeNamesEveryMissingSettingAtOnce() {
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef"),
                dir.resolve(".env")))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .hasSize(8)
                        .anyMatch(p -> p.startsWith("ELEVENLABS_API_KEY must be set in live mode"))
                        .anyMatch(p -> p.startsWith("DIALER_PERSONALIZATION_SECRET must be set in live mode"))
                        .anyMatch(p -> p.startsWith("TWILIO_AUTH_TOKEN must be set"))
                        .anyMatch(p -> p.startsWith("TWILIO_PHONE_NUMBER must be set in live mode"))
                        .anyMatch(p -> p.startsWith("API_URL must be set in live mode"))
                        .anyMatch(p -> p.startsWith("DIALER_JWT_SECRET must be set in live mode")));
    }

    @Test
    void readsTheDotEnvFileAndTheEnvironmentWins() throws IOException {
        Path dotEnv = dir.resolve(".env");
        Files.writeString(dotEnv, """
                # local settings
                export DIALER_PORT=9000
                DIALER_SANDBOX_SEED="7"
                DIALER_ACCOUNT_CPS=5 # per second
                UNRELATED=1
                """);

        DialerSettings settings = SettingsLoader.load(Map.of("DIALER_PORT", "9100"), dotEnv);

        assertThat(settings.receiver().port()).isEqualTo(9100);
        assertThat(settings.sandbox().seed()).isEqualTo(7);
        assertThat(settings.dialing().accountCallsPerSecond()).isEqualTo(5);
    }
}
