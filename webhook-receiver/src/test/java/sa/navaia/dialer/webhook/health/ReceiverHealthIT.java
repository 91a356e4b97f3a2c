package sa.navaia.dialer.webhook.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.webhook.ReceiverHarness;

/** The receiver's management port: readiness follows the database and its schema, liveness stays up, none of it public. */
class ReceiverHealthIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void readinessIsDownWhileTheDatabaseIsAwayOrMigrationsArePending(TestDatabase kind) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI management = URI.create("http://127.0.0.1:" + port);
        try (ReceiverHarness receiver = ReceiverHarness.start(kind, Map.of("DIALER_RECEIVER_METRICS_PORT", Integer.toString(port)))) {
            HttpResponse<String> ready = get(management.resolve("/health/readiness"));
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains("\"pendingMigrations\":0");
            assertThat(receiver.get("/health").statusCode()).as("no management endpoint on the public port").isEqualTo(404);
            assertThat(receiver.get("/prometheus").statusCode()).isEqualTo(404);
            assertThat(get(management.resolve("/prometheus")).body()).contains("dialer_webhook_inbox_backlog{");

            receiver.dataSource.setDown(true);
            HttpResponse<String> away = get(management.resolve("/health/readiness"));
            HttpResponse<String> alive = get(management.resolve("/health/liveness"));
            HttpResponse<String> healthz = receiver.get("/healthz");
            receiver.dataSource.setDown(false);
            HttpResponse<String> back = get(management.resolve("/health/readiness"));

            assertThat(away.statusCode()).as(away.body()).isEqualTo(503);
            assertThat(away.body()).contains("the database did not answer");
            assertThat(alive.statusCode()).as(alive.body()).isEqualTo(200);
            assertThat(healthz.statusCode()).as("the seed's /healthz contract").isEqualTo(503);
            assertThat(back.statusCode()).as(back.body()).isEqualTo(200);

            long latest = receiver.jdbc.sql("SELECT MAX(installed_rank) FROM flyway_schema_history").query(Long.class).single();
            receiver.jdbc.sql("DELETE FROM flyway_schema_history WHERE installed_rank = :rank").param("rank", latest).update();
            HttpResponse<String> behind = get(management.resolve("/health/readiness"));

            assertThat(behind.statusCode()).as(behind.body()).isEqualTo(503);
            assertThat(behind.body()).contains("\"pendingMigrations\":1");
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
