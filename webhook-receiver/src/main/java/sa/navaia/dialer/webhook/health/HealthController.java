package sa.navaia.dialer.webhook.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import sa.navaia.dialer.webhook.ReceiverApplication.ReceiverDatabase;

/** {@code GET /healthz}: ok when the database answers, 503 with the reason when it does not. */
@Controller("/healthz")
@ExecuteOn(TaskExecutors.BLOCKING)
final class HealthController {

    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final ReceiverDatabase database;

    HealthController(ReceiverDatabase database) {
        this.database = database;
    }

    @Get
    HttpResponse<Map<String, String>> health() {
        try (Connection connection = database.dataSource().getConnection()) {
            if (connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                return HttpResponse.ok(Map.of("status", "ok"));
            }
            return down("the database connection did not validate within " + VALIDATION_TIMEOUT_SECONDS + " s");
        } catch (SQLException e) {
            return down("the database did not answer: " + e.getMessage());
        }
    }

    private static HttpResponse<Map<String, String>> down(String reason) {
        return HttpResponse.<Map<String, String>>status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("status", "unavailable", "reason", reason));
    }
}
