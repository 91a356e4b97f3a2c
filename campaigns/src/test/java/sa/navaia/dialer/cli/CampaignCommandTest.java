package sa.navaia.dialer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;

class CampaignCommandTest {

    static final DialerSettings SETTINGS = SettingsLoader.load(Map.of(), Path.of("does-not-exist.env"));

    static Campaign create(String... args) {
        CampaignCommand.Create create = new CampaignCommand.Create();
        new CommandLine(create).parseArgs(args);
        return create.build(SETTINGS, Clock.systemUTC());
    }

    @Test
    void defaultsComeFromTheDraftAndTheSandboxCallerId() {
        Campaign campaign = create("--name", "n", "--agent", "support");

        assertThat(campaign.callerId()).isEqualTo(SETTINGS.twilio().phoneNumber());
        assertThat(campaign.windowStart()).isEqualTo(LocalTime.of(8, 0));
        assertThat(campaign.requiresConsent()).isTrue();
        assertThat(campaign.retryBackoff()).containsExactly(Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(1));
        assertThat(campaign.allowedCountries()).containsExactly("US");
    }

    @Test
    void aCampaignNamesAConfiguredAgentInAnyCase() {
        DialerSettings twoAgents = SettingsLoader.load(Map.of("DIALER_AGENTS",
                "support:agent_7101k:+19385550100,sales:agent_9f2c:register-call"), Path.of("does-not-exist.env"));
        CampaignCommand.Create create = new CampaignCommand.Create();
        new CommandLine(create).parseArgs("--name", "n", "--agent", "Sales");

        assertThat(create.build(twoAgents, Clock.systemUTC()).agentName()).isEqualTo("sales");
        CampaignCommand.Create unknown = new CampaignCommand.Create();
        new CommandLine(unknown).parseArgs("--name", "n", "--agent", "billing");
        assertThatThrownBy(() -> unknown.build(twoAgents, Clock.systemUTC()))
                .hasMessage("--agent names no configured agent: there is no agent named \"billing\"; the configured agents are support, sales.");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--window|9-5|--window must be two times of day as HH:MM-HH:MM, like 08:00-21:00; got \"9-5\".",
            "--zone|Mars/Base|--zone must be an IANA zone such as America/New_York; got \"Mars/Base\".",
            "--backoff|60,soon|--backoff takes whole minutes above 0, comma-separated, like 60,240,1440; got \"soon\".",
            "--cps|0|--cps must be a number of calls per second from 0.01 to 1000, in hundredths at most, e.g. 1, 0.5 or 0.25; got \"0\".",
            "--cps|0.125|--cps must be a number of calls per second from 0.01 to 1000, in hundredths at most, e.g. 1, 0.5 or 0.25; got \"0.125\".",
            "--cps|1e9|--cps must be a number of calls per second from 0.01 to 1000, in hundredths at most, e.g. 1, 0.5 or 0.25; got \"1e9\".",
            "--machine-detection|yes|--machine-detection must be Enable, DetectMessageEnd or None; got \"yes\".",
            "--caller-id|555-1234|--caller-id must be an E.164 number like +19383362295; got \"555-1234\".",
            "--days|MON-FUN|--days must be days such as MON-FRI or MON,WED,FRI; got \"MON-FUN\": \"FUN\" is not a day of the week; use MON, TUE, WED, THU, FRI, SAT or SUN.",
            "--attempts|0|--attempts must be a whole number, at least 1; got \"0\"."})
    void badValuesAreRefusedWithASentence(String option, String value, String message) {
        assertThatThrownBy(() -> create("--name", "n", "--agent", "support", option, value)).hasMessage(message);
    }

    @Test
    void aRateInHundredthsIsKeptAsTyped() {
        assertThat(create("--name", "n", "--agent", "support", "--cps", "0.25").callsPerSecond()).isEqualTo(0.25);
        assertThat(create("--name", "n", "--agent", "support", "--cps", "2.50").callsPerSecond()).isEqualTo(2.5);
    }
}
