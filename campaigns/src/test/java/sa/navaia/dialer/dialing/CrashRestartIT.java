package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.cli.PackagedCli;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.sandbox.LedgerEntry;

/**
 * The packaged CLI's {@code run} is killed with SIGKILL in the middle of a sandbox run and started
 * again at once, with default settings: the restart waits for the killed run's heartbeat to go stale
 * (seconds), takes the run over, and the sandbox's ledger shows every eligible contact dialed exactly
 * once, with one attempt per contact (an attempt the kill left unsent is given back). MariaDB only: the
 * two processes share the database.
 */
class CrashRestartIT {

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.class, names = "MARIADB")
    void aRunKilledMidwayAndStartedAgainDialsEveryEligibleContactExactlyOnce(TestDatabase kind) throws Exception {
        try (DialHarness harness = new DialHarness(kind, 20)) {
            Campaign campaign = harness.activeCampaign("crash", 6, 1000, 1);
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                numbers.add(harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, true));
            }
            Map<String, String> env = new java.util.HashMap<>(harness.environment(harness.sandboxUri().getPort(), 50));
            env.put("DIALER_DB_URL", harness.db.settings().url());
            env.put("DIALER_DB_USER", harness.db.settings().user());
            env.put("DIALER_DB_PASSWORD", harness.db.settings().password());

            Process first = PackagedCli.start(workDir, env, List.of("-Ddialer.dial.horizon=PT0S"),
                    "first", "run", "--campaign", campaign.name());
            await().atMost(Duration.ofSeconds(90)).until(() -> harness.ledger().size() >= 10 || !first.isAlive());
            assertThat(first.isAlive()).as("the first run is still dialing when killed").isTrue();
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            java.time.Instant killedAt = java.time.Instant.now();
            int dialedBeforeKill = harness.ledger().size();
            assertThat(dialedBeforeKill).isLessThan(30);

            Process second = PackagedCli.start(workDir, env, List.of("-Ddialer.dial.horizon=PT0S"),
                    "second", "run", "--campaign", campaign.name());
            await().atMost(Duration.ofSeconds(60)).until(() -> harness.ledger().size() > dialedBeforeKill || !second.isAlive());
            Duration takeover = Duration.between(killedAt, java.time.Instant.now());
            System.out.printf("%s: the restarted run placed its first call %d ms after the kill%n", kind, takeover.toMillis());
            assertThat(takeover).as("taken over within seconds").isLessThan(Duration.ofSeconds(30));
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the restarted run ends").isTrue();
            String out = Files.readString(workDir.resolve("second.out"), StandardCharsets.UTF_8);
            String err = Files.readString(workDir.resolve("second.err"), StandardCharsets.UTF_8);

            assertThat(second.exitValue()).as(out + err).isZero();
            assertThat(out).contains("ended COMPLETED");
            List<LedgerEntry> ledger = harness.ledger();
            assertThat(ledger).extracting(LedgerEntry::to).containsExactlyInAnyOrderElementsOf(numbers);
            assertThat(err).as("the restart recovered the crashed execution and resolved its in-flight attempts")
                    .contains("taken as crashed").contains("Resolved in-flight call attempts").contains("calls/s");
        }
    }

}
