package sa.navaia.dialer.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the sandbox's webhooks. Like Twilio's connection overrides, a refused connection, a timeout
 * or a 5xx is retried a few times with a growing backoff, then given up.
 */
final class WebhookClient {

    static final int MAX_ATTEMPTS = 4;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(WebhookClient.class);

    private final HttpClient http;
    private final ScheduledExecutorService timer;

    WebhookClient(Executor executor, ScheduledExecutorService timer) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(executor)
                .build();
        this.timer = timer;
    }

    /** Completes with the final response, or exceptionally once every attempt failed. */
    CompletableFuture<HttpResponse<String>> post(URI url, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", contentType)
                .header("User-Agent", "dialer-sandbox")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return attempt(builder.build(), 1);
    }

    CompletableFuture<HttpResponse<String>> get(URI url, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET()
                .header("User-Agent", "dialer-sandbox");
        headers.forEach(builder::header);
        return attempt(builder.build(), 1);
    }

    private CompletableFuture<HttpResponse<String>> attempt(HttpRequest request, int attempt) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    boolean retryable = error != null || response.statusCode() >= 500;
                    if (!retryable) {
                        return CompletableFuture.completedFuture(response);
                    }
                    String reason = error != null ? error.toString() : "HTTP " + response.statusCode();
                    if (attempt >= MAX_ATTEMPTS) {
                        log.warn("Giving up on webhook {} {} after {} attempts: {}", request.method(), request.uri(),
                                attempt, reason);
                        return CompletableFuture.<HttpResponse<String>>failedFuture(new WebhookFailedException(
                                request.uri() + " failed " + attempt + " times, last: " + reason));
                    }
                    long backoff = FIRST_BACKOFF.toMillis() << (attempt - 1);
                    CompletableFuture<HttpResponse<String>> retry = new CompletableFuture<>();
                    timer.schedule(() -> attempt(request, attempt + 1).whenComplete((r, e) -> {
                        if (e != null) {
                            retry.completeExceptionally(e);
                        } else {
                            retry.complete(r);
                        }
                    }), backoff, TimeUnit.MILLISECONDS);
                    return retry;
                })
                .thenCompose(future -> future);
    }

    static final class WebhookFailedException extends RuntimeException {
        WebhookFailedException(String message) {
            super(message);
        }
    }
}
