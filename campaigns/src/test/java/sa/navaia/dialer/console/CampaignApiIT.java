package sa.navaia.dialer.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.dialing.DialCampaignJob;
import sa.navaia.dialer.schedule.Schedules;
import sa.navaia.dialer.user.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class CampaignApiIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aManagerRunsACampaignThroughTheApiAndComplianceReadsWhoDidWhat(TestDatabase kind) throws Exception {
        try (TestDatabase.Migrated db = kind.create(); ConsoleServer server = new ConsoleServer(db, dataDir, Map.of())) {
            String manager = server.tokenFor("maria", Role.CAMPAIGN_MANAGER);
            String compliance = server.tokenFor("carl", Role.COMPLIANCE);

            assertThat(server.send("GET", "/api/v1/campaigns", null, null).statusCode()).as("no token").isEqualTo(401);
            assertThat(server.send("GET", "/api/v1/campaigns", "dlr_not-a-token", null).statusCode()).as("unknown token").isEqualTo(401);

            HttpResponse<String> invalid = server.send("POST", "/api/v1/campaigns", manager,
                    "{\"name\":\"Renewals\",\"window\":\"9-5\",\"attempts\":\"0\"}");
            assertThat(invalid.statusCode()).isEqualTo(400);
            JsonNode errors = JSON.readTree(invalid.body()).get("errors");
            assertThat(errors).extracting(e -> e.get("field").asString()).containsExactly("window", "attempts");
            assertThat(errors.get(0).get("message").asString())
                    .isEqualTo("window must be two times of day as HH:MM-HH:MM, like 08:00-21:00; got \"9-5\".");

            assertThat(server.send("POST", "/api/v1/campaigns", compliance, "{\"name\":\"Renewals\"}").statusCode())
                    .as("compliance cannot create campaigns").isEqualTo(403);
            HttpResponse<String> created = server.send("POST", "/api/v1/campaigns", manager,
                    "{\"name\":\"Renewals\",\"consentRequired\":\"false\",\"window\":\"00:00-23:59\",\"cps\":\"5\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode campaign = JSON.readTree(created.body());
            long id = campaign.get("id").asLong();
            assertThat(campaign.get("status").asString()).isEqualTo("draft");
            assertThat(campaign.get("settings").get("cps").asString()).isEqualTo("5");

            HttpResponse<String> imported = server.upload("/api/v1/campaigns/" + id + "/imports", manager, "crm.csv",
                    "Phone Number,Full Name,E-mail\n+19385550101,Ada,ada@example.com\n12,Bob,bob@example.com\n", Map.of());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
            JsonNode summary = JSON.readTree(imported.body());
            assertThat(summary.get("counts").get("imported").asLong()).isEqualTo(1);
            assertThat(summary.get("counts").get("rejected").asLong()).isEqualTo(1);
            HttpResponse<String> rejects = server.send("GET", "/api/v1/imports/" + summary.get("id").asLong() + "/rejects", manager, null);
            assertThat(rejects.statusCode()).isEqualTo(200);
            assertThat(rejects.body()).contains("Bob");

            assertThat(server.send("POST", "/api/v1/campaigns/" + id + "/start", compliance, null).statusCode())
                    .as("compliance cannot start calls").isEqualTo(403);
            HttpResponse<String> started = server.send("POST", "/api/v1/campaigns/" + id + "/start", manager, null);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            assertThat(JSON.readTree(started.body()).get("status").asString()).isEqualTo("active");
            assertThat(server.context.getBean(Schedules.class).nextFireTime(DialCampaignJob.nowKey(id)))
                    .as("a dial run is fired for the cluster").isPresent();
            HttpResponse<String> again = server.send("POST", "/api/v1/campaigns/" + id + "/start", manager, null);
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(again.body()).get("message").asString())
                    .isEqualTo("Campaign Renewals is active; only a draft or paused campaign can start.");
            assertThat(server.send("POST", "/api/v1/campaigns/" + id + "/pause", compliance, null).statusCode())
                    .as("compliance may stop calls").isEqualTo(200);

            HttpResponse<String> patched = server.send("PATCH", "/api/v1/campaigns/" + id, manager, "{\"attempts\":\"5\"}");
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            assertThat(JSON.readTree(patched.body()).get("settings").get("attempts").asString()).isEqualTo("5");
            assertThat(server.send("GET", "/api/v1/campaigns/999999", manager, null).statusCode()).isEqualTo(404);

            HttpResponse<String> csv = server.send("GET", "/api/v1/campaigns/" + id + "/report?format=csv", compliance, null);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
            assertThat(csv.body()).startsWith("# imports: ").contains("attempt_id,decided_at_utc,decision,rule");
            HttpResponse<String> json = server.send("GET", "/api/v1/campaigns/" + id + "/report", compliance, null);
            assertThat(json.statusCode()).isEqualTo(200);
            var report = JSON.readTree(json.body());
            assertThat(report.get("campaignId").asLong()).isEqualTo(id);
            assertThat(report.get("rows").isArray()).isTrue();
            assertThat(report.get("summary").get("decisions").asInt()).isEqualTo(report.get("rows").size());
            assertThat(report.get("compliance").has("abandonmentLast30Days")).isTrue();
            assertThat(server.send("GET", "/api/v1/campaigns/" + id + "/report?format=pdf", compliance, null).statusCode())
                    .isEqualTo(400);
            HttpResponse<String> progress = server.send("GET", "/api/v1/campaigns/" + id + "/progress", manager, null);
            assertThat(JSON.readTree(progress.body()).get("status").asString()).isEqualTo("paused");

            assertThat(server.send("GET", "/api/v1/audit", manager, null).statusCode()).as("managers do not read the audit log")
                    .isEqualTo(403);
            HttpResponse<String> audit = server.send("GET", "/api/v1/audit", compliance, null);
            assertThat(audit.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(audit.body())).extracting(e -> e.get("username").asString() + " " + e.get("action").asString())
                    .containsExactly("carl report.export", "maria campaign.update", "carl campaign.pause",
                            "maria campaign.start", "maria import.rejects_export", "maria import.upload", "maria campaign.create");
            HttpResponse<String> exported = server.send("GET", "/api/v1/audit?format=csv&user=maria", compliance, null);
            assertThat(exported.body()).startsWith("id,at_utc,username,action,target,detail\r\n")
                    .contains(",maria,campaign.start,\"campaign " + id + " \"\"Renewals\"\"\",");
            assertThat(server.send("GET", "/api/v1/audit?limit=1", compliance, null).body()).contains("\"action\":\"audit.export\"");
        }
    }
}
