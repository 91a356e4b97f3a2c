package sa.navaia.dialer.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.user.Role;

class OpenApiDocumentIT {

    @TempDir
    Path dataDir;

    /**
     * The document lists exactly the endpoints the worker serves, and each with the refusals its handler can give:
     * 403 where a role is required, 404 where the path names a thing; and every status the server answers in the
     * requests below (a taken name 409, a list without a phone column 422, a missing upload or payload 404) is
     * documented for that operation.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theServedDocumentListsExactlyTheApiEndpointsAndTheirResponseCodes() throws Exception {
        try (TestDatabase.Migrated db = TestDatabase.H2.create(); ConsoleServer server = new ConsoleServer(db, dataDir, Map.of())) {
            HttpResponse<String> served = server.send("GET", OpenApiDocument.PATH, null, null);
            assertThat(served.statusCode()).as("served without a token").isEqualTo(200);
            Map<String, Object> document = new Yaml().load(served.body());
            assertThat(document.get("openapi")).isEqualTo("3.0.3");

            Map<String, Set<String>> documented = new TreeMap<>();
            ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach((key, operation) -> {
                if (Set.of("get", "post", "put", "patch", "delete").contains(key)) {
                    documented.put(key.toUpperCase() + " " + path,
                            new TreeSet<>(((Map<Object, Object>) ((Map<String, Object>) operation).get("responses")).keySet()
                                    .stream().map(String::valueOf).toList()));
                }
            }));
            Map<String, HandlerMethod> registered = new TreeMap<>();
            server.context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
                    .forEach((info, handler) -> info.getPatternValues().stream().filter(p -> p.startsWith("/api/v1/"))
                            .forEach(path -> info.getMethodsCondition().getMethods()
                                    .forEach(method -> registered.put(method.name() + " " + path, handler))));

            assertThat(registered).hasSizeGreaterThan(20);
            assertThat(documented.keySet()).isEqualTo(registered.keySet());
            Map<String, Set<String>> expected = new TreeMap<>();
            registered.forEach((operation, handler) -> {
                Set<String> codes = new TreeSet<>();
                if (handler.hasMethodAnnotation(PreAuthorize.class)) {
                    codes.add("403");
                }
                if (operation.contains("{")) {
                    codes.add("404");
                }
                expected.put(operation, codes);
            });
            documented.forEach((operation, codes) -> assertThat(codes).as(operation).containsAll(expected.get(operation)));

            String manager = server.tokenFor("maria", Role.CAMPAIGN_MANAGER);
            Map<String, Integer> answered = new TreeMap<>();
            answered.put("POST /api/v1/campaigns", server.send("POST", "/api/v1/campaigns", manager, "{\"name\":\"Renewals\"}").statusCode());
            answered.put("POST /api/v1/campaigns#taken", server.send("POST", "/api/v1/campaigns", manager, "{\"name\":\"Renewals\"}").statusCode());
            answered.put("POST /api/v1/campaigns#invalid", server.send("POST", "/api/v1/campaigns", manager, "{\"window\":\"9 to 5\"}").statusCode());
            long id = server.context.getBean(sa.navaia.dialer.campaign.CampaignRepository.class).findAll().get(0).id();
            answered.put("POST /api/v1/campaigns/{id}/imports", server.upload("/api/v1/campaigns/" + id + "/imports", manager,
                    "list.csv", "Name,Note\nAda,no number\n", Map.of()).statusCode());
            answered.put("POST /api/v1/campaigns/{id}/imports#missing upload", server.send("POST", "/api/v1/campaigns/" + id
                    + "/imports?uploadId=00000000-0000-0000-0000-000000000000", manager, null).statusCode());
            answered.put("POST /api/v1/unmatched/{payloadId}/attach", server.send("POST", "/api/v1/unmatched/999/attach", manager,
                    "{\"sessionId\":\"vs_x\"}").statusCode());
            answered.put("POST /api/v1/dnc/import", server.upload("/api/v1/dnc/import", server.tokenFor("cora", Role.COMPLIANCE),
                    "dnc.csv", "Name\nAda\n", Map.of()).statusCode());
            assertThat(answered).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "POST /api/v1/dnc/import", 422,
                    "POST /api/v1/campaigns", 201,
                    "POST /api/v1/campaigns#taken", 409,
                    "POST /api/v1/campaigns#invalid", 400,
                    "POST /api/v1/campaigns/{id}/imports", 422,
                    "POST /api/v1/campaigns/{id}/imports#missing upload", 404,
                    "POST /api/v1/unmatched/{payloadId}/attach", 404));
            answered.forEach((request, code) -> assertThat(documented.get(request.replaceAll("#.*", "")))
                    .as(request + " answered " + code).contains(String.valueOf(code)));
        }
    }
}
