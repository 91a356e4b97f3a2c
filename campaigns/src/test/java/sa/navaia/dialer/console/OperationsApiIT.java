package sa.navaia.dialer.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.dialing.CallAttemptRepository;
import sa.navaia.dialer.dialing.DialHarness;
import sa.navaia.dialer.sandbox.LedgerEntry;
import sa.navaia.dialer.user.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Do-not-call entries, contacts and their history, agents, unmatched payloads, schedules and test calls, by role. */
class OperationsApiIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void complianceKeepsTheDoNotCallListAndManagersTestAndScheduleCampaigns(TestDatabase kind) throws Exception {
        try (DialHarness harness = new DialHarness(kind, 20)) {
            ConfigurableApplicationContext worker = harness.consoleWorker(dataDir, 5);
            ConsoleServer api = new ConsoleServer(worker);
            String manager = api.tokenFor("maria", Role.CAMPAIGN_MANAGER);
            String compliance = api.tokenFor("carl", Role.COMPLIANCE);

            assertThat(api.send("POST", "/api/v1/dnc", manager, "{\"phone\":\"+12125550150\"}").statusCode()).isEqualTo(403);
            HttpResponse<String> badPhone = api.send("POST", "/api/v1/dnc", compliance, "{\"phone\":\"555-0150\"}");
            assertThat(badPhone.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(badPhone.body()).get("errors").get(0).get("field").asString()).isEqualTo("phone");
            assertThat(api.send("POST", "/api/v1/dnc", compliance, "{\"phone\":\"+12125550150\",\"reason\":\"asked by letter\"}")
                    .statusCode()).isEqualTo(201);
            assertThat(api.send("GET", "/api/v1/dnc", manager, null).body()).contains("+12125550150").contains("asked by letter");
            assertThat(api.send("DELETE", "/api/v1/dnc/+12125550150", compliance, null).statusCode()).as("no reason").isEqualTo(400);
            assertThat(api.send("DELETE", "/api/v1/dnc/+12125550150?reason=consent%20given", compliance, null).statusCode())
                    .isEqualTo(204);
            assertThat(api.send("DELETE", "/api/v1/dnc/+12125550150?reason=again", compliance, null).statusCode()).isEqualTo(404);

            HttpResponse<String> imported = api.upload("/api/v1/dnc/import?reason=registry", compliance, "dnc.csv",
                    "Tel,Note\n+12125550151,a\n+12125550151,twice\n555-0152,b\n", java.util.Map.of());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            JsonNode dncImport = JSON.readTree(imported.body());
            assertThat(dncImport.get("added").asLong()).isEqualTo(1);
            assertThat(dncImport.get("alreadyListed").asLong()).isEqualTo(1);
            assertThat(dncImport.get("rejected").get(0).asString()).isEqualTo("Line 4: \"555-0152\" is not an E.164 number like +19383362295.");
            assertThat(api.upload("/api/v1/dnc/import", manager, "dnc.csv", "phone\n+12125550153\n", java.util.Map.of())
                    .statusCode()).isEqualTo(403);

            assertThat(api.send("GET", "/api/v1/agents", compliance, null).body()).contains("\"name\":\"support\"");
            assertThat(api.send("GET", "/api/v1/unmatched", compliance, null).body()).isEqualTo("[]");
            HttpResponse<String> attach = api.send("POST", "/api/v1/unmatched/999/attach", manager, "{\"sessionId\":\"vs_x\"}");
            assertThat(attach.statusCode()).isEqualTo(404);
            assertThat(attach.body()).contains("There is no stored payload #999");

            long id = JSON.readTree(api.send("POST", "/api/v1/campaigns", manager,
                    "{\"name\":\"Tests\",\"consentRequired\":\"false\",\"window\":\"00:00-23:59\"}").body()).get("id").asLong();
            HttpResponse<String> badCron = api.send("POST", "/api/v1/campaigns/" + id + "/schedule", manager, "{\"cron\":\"daily\"}");
            assertThat(badCron.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(badCron.body()).get("errors").get(0).get("field").asString()).isEqualTo("cron");
            HttpResponse<String> scheduled = api.send("POST", "/api/v1/campaigns/" + id + "/schedule", manager,
                    "{\"cron\":\"0 0 9 ? * MON-FRI\"}");
            assertThat(JSON.readTree(scheduled.body()).get("schedule").asString()).isEqualTo("0 0 9 ? * MON-FRI");

            assertThat(api.send("POST", "/api/v1/campaigns/" + id + "/test-call", compliance, "{\"to\":\"+12125550160\"}")
                    .statusCode()).isEqualTo(403);
            HttpResponse<String> placed = api.send("POST", "/api/v1/campaigns/" + id + "/test-call", manager,
                    "{\"to\":\"+12125550160\"}");
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
            assertThat(JSON.readTree(placed.body()).get("sessionId").asString()).startsWith("vs_");
            await().atMost(Duration.ofSeconds(10)).until(() -> harness.ledger().stream().map(LedgerEntry::to)
                    .anyMatch("+12125550160"::equals));

            String phone = "+12125550170";
            assertThat(api.upload("/api/v1/campaigns/" + id + "/imports", manager, "one.csv", "Mobile Phone\n" + phone + "\n",
                    java.util.Map.of()).statusCode()).isEqualTo(201);
            assertThat(api.send("GET", "/api/v1/contacts", manager, null).statusCode()).isEqualTo(400);
            JsonNode found = JSON.readTree(api.send("GET", "/api/v1/contacts?phone=%2B" + phone.substring(1), manager, null).body());
            assertThat(found).hasSize(1);
            long contactId = found.get(0).get("id").asLong();
            // A call the receiver answered with the identification message, and the person pressed 9.
            JdbcClient.create(worker.getBean(DataSource.class)).sql("""
                    INSERT INTO call_attempts (campaign_id, contact_id, attempt_number, decision, reason_code, phone_e164,
                                               status, session_id, decided_at)
                    VALUES (:campaign, :contact, 1, 'dial', 'eligible', :phone, 'completed', 'vs_history', :at)""")
                    .param("campaign", id).param("contact", contactId).param("phone", phone)
                    .param("at", SqlTime.utc(Instant.parse("2026-11-20T14:02:00Z"))).update();
            CallAttemptRepository attempts = worker.getBean(CallAttemptRepository.class);
            attempts.recordIdentificationMessage("vs_history", "This call was for telemarketing purposes, on behalf of Tests.");
            attempts.recordKeyPressOptOut("vs_history", Instant.parse("2026-11-20T14:02:41Z"));
            JsonNode history = JSON.readTree(api.send("GET", "/api/v1/contacts/" + contactId, compliance, null).body());
            assertThat(history.get("contact").get("phoneE164").asString()).isEqualTo(phone);
            assertThat(history.get("attempts")).hasSize(1);
            assertThat(history.get("attempts").get(0).get("identificationMessage").asString())
                    .isEqualTo("This call was for telemarketing purposes, on behalf of Tests.");
            assertThat(history.get("attempts").get(0).get("keyPressOptOutAt").asString()).isEqualTo("2026-11-20T14:02:41Z");
            assertThat(api.send("GET", "/api/v1/contacts/999999", compliance, null).statusCode()).isEqualTo(404);
        }
    }
}
