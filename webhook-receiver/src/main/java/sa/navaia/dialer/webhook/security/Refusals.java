package sa.navaia.dialer.webhook.security;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.Map;

/** The JSON answers of the receiver's guards: one shape for every refusal. */
final class Refusals {

    private Refusals() {
    }

    static MutableHttpResponse<Map<String, String>> refuse(HttpStatus status, String message) {
        return HttpResponse.<Map<String, String>>status(status).body(Map.of("error", message));
    }
}
