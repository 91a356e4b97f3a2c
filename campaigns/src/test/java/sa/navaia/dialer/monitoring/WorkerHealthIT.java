package sa.navaia.dialer.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quartz.Scheduler;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.app.DialerContext;
import sa.navaia.dialer.app.TestSettings;
import sa.navaia.dialer.db.TestDatabase;

/** The worker's management port: readiness needs the database, a current schema and a running Quartz scheduler. */
class WorkerHealthIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void readyOnceItsSchedulerRunsAndNotWhileMigrationsArePending(TestDatabase kind) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI management = URI.create("http://127.0.0.1:" + port);
        try (TestDatabase.Migrated db = kind.create();
             ConfigurableApplicationContext context = DialerContext.startWorker(
                     TestSettings.forDatabase(db, Map.of("DIALER_METRICS_PORT", Integer.toString(port))))) {
            HttpResponse<String> beforeScheduler = get(management.resolve("/actuator/health/readiness"));
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.start();
            HttpResponse<String> ready = get(management.resolve("/actuator/health/readiness"));

            assertThat(beforeScheduler.statusCode()).as(beforeScheduler.body()).isEqualTo(503);
            assertThat(beforeScheduler.body()).contains("\"quartzCluster\":{\"details\":{\"instance\"")
                    .contains("\"schedulerRunning\":false");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains("\"membersCheckedIn\":1").contains("\"db\":{");
            assertThat(get(management.resolve("/actuator/prometheus")).body())
                    .contains("dialer_quartz_cluster_member 1.0").contains("hikaricp_connections_max{pool=\"worker\"}");

            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            long latest = jdbc.sql("SELECT MAX(installed_rank) FROM flyway_schema_history").query(Long.class).single();
            jdbc.sql("DELETE FROM flyway_schema_history WHERE installed_rank = :rank").param("rank", latest).update();
            HttpResponse<String> behind = get(management.resolve("/actuator/health/readiness"));
            HttpResponse<String> alive = get(management.resolve("/actuator/health/liveness"));
            scheduler.shutdown(true);

            assertThat(behind.statusCode()).as(behind.body()).isEqualTo(503);
            assertThat(behind.body()).contains("\"migrations\":{\"details\":{\"schemaVersion\"").contains("\"pending\":1}");
            assertThat(alive.statusCode()).as(alive.body()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
