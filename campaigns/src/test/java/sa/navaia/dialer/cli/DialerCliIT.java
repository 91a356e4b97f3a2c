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
import java.util.ArrayList;
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

    @Test
    void doNotCallListsAreManagedFromTheCommandLineWithWhoAndWhy() throws Exception {
        Map<String, String> env = Map.of("API_URL", "http://127.0.0.1:9");
        assertThat(dialer(env, "migrate").exitCode()).isZero();
        Path file = workDir.resolve("suppress.csv");
        Files.writeString(file, "phone,name\n+1 938 555 0002,Ann\n(938) 555-0003,Bob\nnot a number,Eve\n+19385550001,Al\n");

        Run added = dialer(env, "dnc", "add", "+19385550001", "--reason", "asked by letter of 2026-11-20", "--by", "jane",
                "--source", "letter");
        Run imported = dialer(env, "dnc", "import", file.toString(), "--reason", "client suppression list", "--by", "ops");
        Run listed = dialer(env, "dnc", "list");
        Run removed = dialer(env, "dnc", "remove", "+19385550003", "--reason", "consent given again in writing", "--by", "omar");
        Run searched = dialer(env, "dnc", "search", "93855500");

        assertThat(added.out()).as(added.err()).contains("+19385550001 is now on the system do-not-call list (letter, by jane).");
        assertThat(imported.out()).contains("Read 4 number(s): 2 added, 1 on the list already, 1 rejected.");
        assertThat(imported.err()).contains("Line 4 rejected: The number: \"not a number\" contains letters");
        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(listed.out()).contains("the system do-not-call list: 3 number(s)")
                .contains("+19385550001  system").contains("letter  by jane  \"asked by letter of 2026-11-20\"")
                .contains("+19385550002  system").contains("import  by ops  \"client suppression list\"");
        assertThat(removed.out()).as(removed.err()).contains("+19385550003 is off that list; the entry is kept in its history (removed by omar).");
        assertThat(searched.out()).contains("On a list: 2").contains("taken off").contains("by omar (\"consent given again in writing\")")
                .contains("+19385550003  system");

        Path journal = Files.createDirectories(workDir.resolve("data/journal")).resolve("journal-000000000001.log");
        Files.writeString(journal, sa.navaia.dialer.inbox.JournalLines.line(new sa.navaia.dialer.inbox.NewInboxMessage("twilio",
                "status", "twilio:status:CA1:completed:", "vs_1", "CA1", null, "/api/twilio/status/vs_1",
                "application/x-www-form-urlencoded", "To=%2B19385550001&CallStatus=completed"), 1L));
        Files.setLastModifiedTime(journal, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
        Run erased = dialer(env, "erase", "--phone", "+19385550001", "--reason", "erasure request by email", "--by", "jane");
        Run stillListed = dialer(env, "dnc", "search", "9385550001");
        assertThat(erased.out()).as(erased.err()).contains("Erased +1938***0001: contacts=0").contains("Kept: do-not-call entries")
                .contains("1 journal record(s) blanked in 1 file(s)");
        assertThat(Files.readString(journal)).doesNotContain("9385550001");
        assertThat(stillListed.out()).contains("On a list: 1").contains("+19385550001  system");

        Path registryFile = workDir.resolve("registry.txt");
        Files.writeString(registryFile, "212,5551234\n212,5551235\n2125551236\n");
        Run imported2 = dialer(env, "registry", "import", registryFile.toString(), "--date", "2026-11-20");
        Path second = workDir.resolve("registry-646.txt");
        Files.writeString(second, "6465550001\n");
        Path badChange = workDir.resolve("registry-change.txt");
        Files.writeString(badChange, "212,5551234,2026-11-21,D\n212,5551299,2026-11-21,X\n");
        Run imported3 = dialer(env, "registry", "import", second.toString(), "--date", "2026-11-21");
        Run refused = dialer(env, "registry", "import", badChange.toString(), "--date", "2026-11-21", "--kind", "change");
        Run status = dialer(env, "registry", "status");
        assertThat(imported2.out()).as(imported2.err()).contains("Imported the full list of 2026-11-20: 3 line(s), 3 number(s) added")
                .contains("area code(s) 212 now as of 2026-11-20");
        assertThat(imported3.out()).as(imported3.err()).contains("area code(s) 646 now as of 2026-11-21");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("The change list was not imported: 1 of its 2 line(s) cannot be read")
                .contains("line 2: \"212,5551299,2026-11-21,X\"");
        assertThat(status.out()).as(status.err()).contains("212  2026-11-20").contains("646  2026-11-21")
                .contains("2 area code(s), 4 number(s); oldest: area code 212 as of 2026-11-20");
    }

    @Test
    void aCampaignsPolicySetsOptOutScopeRetriesPerOutcomeAndVoicemail() throws Exception {
        Map<String, String> env = Map.of("API_URL", "http://127.0.0.1:9");
        assertThat(dialer(env, "migrate").exitCode()).isZero();
        assertThat(dialer(env, "campaign", "create", "--name", "autumn", "--agent", "support").exitCode()).isZero();

        Run refused = dialer(env, "campaign", "policy", "autumn", "--voicemail", "message", "--voicemail-message", "Hi {{name}}");
        Run set = dialer(env, "campaign", "policy", "autumn", "--opt-out-scope", "system+campaign",
                "--retries", "busy=3:10,30;voicemail=1:1440", "--voicemail", "agent");
        Run badRule = dialer(env, "campaign", "policy", "autumn", "--retries", "completed=2:10");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("--voicemail message needs the campaign's machine detection to be DetectMessageEnd (it is Enable)");
        assertThat(set.out()).as(set.err()).contains("opt-outs said in a call go on: the system list and this campaign's list")
                .contains("retries: busy=3:10,30;voicemail=1:1440 (outcome=attempts:minutes)").contains("voicemail: agent");
        assertThat(badRule.err()).contains("\"completed\" is not a retried outcome; use busy, no-answer, voicemail, failed or agent-unavailable.");
    }

    @Test
    void aCampaignSaysItsIdentificationMessageWhenNoAgentIsReachedIfItHasOne() throws Exception {
        Map<String, String> env = Map.of("API_URL", "http://127.0.0.1:9");
        assertThat(dialer(env, "migrate").exitCode()).isZero();

        Run created = dialer(env, "campaign", "create", "--name", "winter", "--agent", "support", "--caller-id",
                "+19383362295", "--identify-as", "Acme Inc.");
        Run own = dialer(env, "campaign", "policy", "winter", "--identification-message", "Acme calling. Call 938-336-2295 to opt out.");
        Run off = dialer(env, "campaign", "policy", "winter", "--identification-message", "");

        assertThat(created.out()).as(created.err()).contains("when a person answers and no agent is reached: say \"This call"
                + " was for telemarketing purposes, on behalf of Acme Inc. To ask not to be called again, or to reach us,"
                + " call 938-336-2295. Goodbye.\"");
        assertThat(own.out()).as(own.err()).contains("say \"Acme calling. Call 938-336-2295 to opt out.\"");
        assertThat(off.out()).as(off.err()).contains("no agent is reached: hang up (no identification message");
    }

    @Test
    void oldAppliedWebhookPayloadsAreArchivedFromTheCommandLine() throws Exception {
        Map<String, String> env = Map.of("API_URL", "http://127.0.0.1:9");
        assertThat(dialer(env, "migrate").exitCode()).isZero();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        addPayload("old-applied", "processed", now.minusDays(40));
        addPayload("old-unmatched", "unmatched", now.minusDays(40));
        addPayload("recent-applied", "processed", now.minusDays(1));

        Run tooYoung = dialer(env, "inbox", "archive", "--days", "3");
        Run archived = dialer(env, "inbox", "archive", "--days", "30");

        assertThat(tooYoung.exitCode()).isNotZero();
        assertThat(tooYoung.err()).contains("--days must be at least 7");
        assertThat(archived.exitCode()).as(archived.err()).isZero();
        assertThat(archived.out()).contains("Archived 1 applied payload(s) received before");
        assertThat(keys("webhook_inbox")).containsExactly("old-unmatched", "recent-applied");
        assertThat(keys("webhook_inbox_archive")).containsExactly("old-applied");
    }

    private Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + workDir.resolve("data/dialer").toAbsolutePath()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE", "sa", "");
    }

    private void addPayload(String key, String status, LocalDateTime receivedAt) throws Exception {
        try (Connection c = database(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO webhook_inbox (source, event_type, dedupe_key, request_path, body, status, attempts, received_at)
                VALUES ('twilio', 'status', ?, '/api/twilio/status/vs_1', 'CallStatus=completed', ?, 1, ?)""")) {
            insert.setString(1, key);
            insert.setString(2, status);
            insert.setObject(3, receivedAt);
            insert.executeUpdate();
        }
    }

    private List<String> keys(String table) throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = database(); var rows = c.createStatement().executeQuery("SELECT dedupe_key FROM " + table + " ORDER BY id")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    private void addContacts(int count) throws Exception {
        try (Connection c = database();
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
