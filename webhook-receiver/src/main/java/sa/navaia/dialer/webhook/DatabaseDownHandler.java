package sa.navaia.dialer.webhook;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import sa.navaia.dialer.webhook.inbox.Outages;

/**
 * The database did not answer ({@code 503}) or refused the write ({@code 500}): nothing was stored, so nothing is
 * acknowledged. Verified webhooks rarely get here: while the database is away they are journaled and answered as usual
 * ({@code InboxService}); what is left is {@code /api/calls/initiate}, and a payload the database refuses for good.
 */
@Singleton
@Requires(classes = DataAccessException.class)
final class DatabaseDownHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {

    private static final Logger log = LoggerFactory.getLogger(DatabaseDownHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, DataAccessException exception) {
        if (!isOutage(exception)) {
            log.error("Could not store {} {}: {}", request.getMethodName(), request.getPath(),
                    exception.getMostSpecificCause().getMessage());
            return HttpResponse.serverError(Map.of("error", "The request could not be stored; nothing was changed."));
        }
        log.error("Database unavailable while handling {} {}: {}", request.getMethodName(), request.getPath(),
                exception.getMostSpecificCause().getMessage());
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("error", "The database is unavailable; nothing was stored. Please retry."));
    }

    private static boolean isOutage(DataAccessException exception) {
        return Outages.isOutage(exception);
    }
}
