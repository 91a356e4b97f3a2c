package sa.navaia.dialer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sa.navaia.dialer.config.SandboxSettings;
import sa.navaia.dialer.sandbox.Sandbox;

/** The campaign, run and schedule commands of the packaged CLI, on the embedded database and the sandbox. */
class DialerCliIT {

    @TempDir
    Path workDir;

    record Run(int exitCode, String out, String err) {
    }

    @Test
    void aCampaignIsCreatedStartedDryRunDialedOnceAndScheduled() throws Exception {
        try (Sandbox sandbox = Sandbox.builder(new SandboxSettings(0, 42, 1000, 10, 100, 0, 0)).build().start()) {
            Map<String, String> env = new HashMap<>(Map.of("DIALER_SANDBOX_PORT", String.valueOf(sandbox.baseUri().getPort()),
                    "API_URL", "http://127.0.0.1:9", "DIALER_ACCOUNT_CPS", "20", "DIALER_NUMBER_CPS", "20"));
            assertThat(dialer(env, "migrate").exitCode()).isZero();

            Run created = dialer(env, "campaign", "create", "--name", "spring", "--agent", "support", "--cps", "10",
                    "--live-calls", "50", "--window", "00:00-23:59", "--consent-required", "false");
            assertThat(created.exitCode()).as(created.err()).isZero();
            assertThat(created.out()).contains("Campaign 1: spring (draft)").contains("10.0 calls/s, 50 live calls");
            assertThat(dialer(env, "campaign", "resume", "spring").out()).contains("Campaign spring is now active.");
            addContacts(4);

            Run dry = dialer(env, "run", "--campaign", "spring", "--dry-run");
            assertThat(dry.out()).contains("DIAL eligible").contains("4 would be dialed, 0 skipped; nobody was dialed");
            assertThat(sandbox.ledger()).isEmpty();

            Run run = dialer(env, "run", "--campaign", "spring");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("ended COMPLETED").contains("Summary: placed 4, skipped 0");
            assertThat(sandbox.ledger()).hasSize(4);

            Run scheduled = dialer(env, "schedule", "--campaign", "spring", "--cron", "0 0 9 * * ?");
            assertThat(scheduled.exitCode()).as(scheduled.err()).isZero();
            assertThat(scheduled.out()).contains("dials on \"0 0 9 * * ?\" in UTC; next run at");
        }
    }

    private void addContacts(int count) throws Exception {
        String url = "jdbc:h2:file:" + workDir.resolve("data/dialer").toAbsolutePath()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO contacts (campaign_id, phone_e164, time_zones, consent, status, attempts_made, created_at, updated_at)
                     VALUES (1, ?, 'Etc/UTC', TRUE, 'pending', 0, ?, ?)""")) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, "+1212200300" + i);
                insert.setObject(2, LocalDateTime.now(ZoneOffset.UTC));
                insert.setObject(3, LocalDateTime.now(ZoneOffset.UTC));
                insert.executeUpdate();
            }
        }
    }

    private Run dialer(Map<String, String> env, String... args) throws Exception {
        String name = "run" + System.nanoTime();
        Process process = PackagedCli.start(workDir, env, List.of(), name, args);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("dialer " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Run(process.exitValue(), Files.readString(workDir.resolve(name + ".out"), StandardCharsets.UTF_8),
                Files.readString(workDir.resolve(name + ".err"), StandardCharsets.UTF_8));
    }
}
