package sa.navaia.dialer.webhook.inbox;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code 503} with {@code Retry-After}: nothing was stored, so the sender delivers again. */
@Singleton
final class InboxBusyHandler implements ExceptionHandler<InboxBusyException, HttpResponse<?>> {

    private static final Logger log = LoggerFactory.getLogger(InboxBusyHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, InboxBusyException exception) {
        log.warn("Refused {} {}: {}", request.getMethodName(), request.getPath(), exception.getMessage());
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .body(Map.of("error", exception.getMessage()));
    }
}
