package sa.navaia.dialer.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;
import sa.navaia.dialer.db.TestDatabase;

class OpenApiDocumentIT {

    @TempDir
    Path dataDir;

    @Test
    @SuppressWarnings("unchecked")
    void theServedDocumentListsExactlyTheApiEndpointsTheWorkerServes() throws Exception {
        try (TestDatabase.Migrated db = TestDatabase.H2.create(); ConsoleServer server = new ConsoleServer(db, dataDir, Map.of())) {
            HttpResponse<String> served = server.send("GET", OpenApiDocument.PATH, null, null);
            assertThat(served.statusCode()).as("served without a token").isEqualTo(200);
            Map<String, Object> document = new Yaml().load(served.body());
            assertThat(document.get("openapi")).isEqualTo("3.0.3");

            Set<String> documented = new TreeSet<>();
            ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.keySet().stream()
                    .filter(key -> Set.of("get", "post", "put", "patch", "delete").contains(key))
                    .forEach(method -> documented.add(method.toUpperCase() + " " + path)));
            Set<String> registered = new TreeSet<>();
            server.context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
                    .keySet().forEach(info -> info.getPatternValues().stream().filter(p -> p.startsWith("/api/v1/"))
                            .forEach(path -> info.getMethodsCondition().getMethods()
                                    .forEach(method -> registered.add(method.name() + " " + path))));

            assertThat(registered).hasSizeGreaterThan(20);
            assertThat(documented).isEqualTo(registered);
        }
    }
}
