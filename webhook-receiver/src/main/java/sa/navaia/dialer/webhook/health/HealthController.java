package sa.navaia.dialer.webhook.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;
import sa.navaia.dialer.webhook.ReceiverApplication.ReceiverDatabase;

/** {@code GET /healthz}: ok when the database answers, 503 with the reason when it does not. */
@Controller("/healthz")
@ExecuteOn(TaskExecutors.BLOCKING)
final class HealthController {

    private final ReceiverDatabase database;

    HealthController(ReceiverDatabase database) {
        this.database = database;
    }

    @Get
    HttpResponse<Map<String, String>> health() {
        return DatabaseCheck.problem(database)
                .map(reason -> HttpResponse.<Map<String, String>>status(HttpStatus.SERVICE_UNAVAILABLE)
                        .body(Map.of("status", "unavailable", "reason", reason)))
                .orElseGet(() -> HttpResponse.ok(Map.of("status", "ok")));
    }
}
