package sa.navaia.dialer.console;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.DoNotCallScope;
import sa.navaia.dialer.user.Role;

/** A do-not-call list is read a page at a time, in the console and the API, never whole. */
class DoNotCallPageIT {

    static final Pattern ROW = Pattern.compile("action=\"/dnc/remove\"");

    @TempDir
    Path dataDir;

    @Test
    void theListIsShownAPageAtATimeAndSearchedInTheDatabase() throws Exception {
        try (TestDatabase.Migrated db = TestDatabase.H2.create(); ConsoleServer server = new ConsoleServer(db, dataDir, Map.of())) {
            List<String> numbers = IntStream.range(0, OperationsPages.DNC_PAGE + 1)
                    .mapToObj(i -> "+1212555" + String.format("%04d", i)).toList();
            server.context.getBean(DoNotCallRepository.class).addAll(numbers, DoNotCallScope.SYSTEM, "import", "test", "test");
            server.addUser("cora", ConsoleLoginIT.PASSWORD, Role.COMPLIANCE);
            HttpClient browser = ConsoleServer.browser();
            ConsoleLoginIT.post(browser, server, "/login", Map.of("username", "cora", "password", ConsoleLoginIT.PASSWORD), true);

            String first = ConsoleLoginIT.get(browser, server, "/dnc").body();
            assertThat(ROW.matcher(first).results().count()).isEqualTo(OperationsPages.DNC_PAGE);
            assertThat(first).contains("+12125550000").doesNotContain("+12125550100").contains(">Later</a>");
            String second = ConsoleLoginIT.get(browser, server, "/dnc?page=1").body();
            assertThat(ROW.matcher(second).results().count()).isEqualTo(1);
            assertThat(second).contains("+12125550100").contains(">Earlier</a>").doesNotContain(">Later</a>");
            String found = ConsoleLoginIT.get(browser, server, "/dnc?q=555-0100").body();
            assertThat(ROW.matcher(found).results().count()).isEqualTo(1);

            String token = server.tokenFor("crm", Role.COMPLIANCE);
            ObjectMapper json = new ObjectMapper();
            assertThat(json.readTree(server.send("GET", "/api/v1/dnc?limit=10&offset=95", token, null).body()).size()).isEqualTo(6);
            assertThat(server.send("GET", "/api/v1/dnc?limit=0", token, null).statusCode()).isEqualTo(400);
        }
    }
}
