package sa.navaia.dialer.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the sandbox's webhooks. Each request names its {@link Delivery}: Twilio's requests follow {@link
 * Delivery#TWILIO} (like Twilio's connection overrides, a refused connection, a timeout or a 5xx is retried a few
 * times with a growing backoff, then given up); ElevenLabs' requests are sent {@link Delivery#once once}, never
 * retried.
 *
 * <p>Each request is a blocking exchange on a pooled keep-alive connection, on one of {@value #SENDERS} sender threads:
 * under load, the JDK's asynchronous {@code HttpClient} was about 40% of this process's CPU (JFR).
 */
final class WebhookClient implements AutoCloseable {

    static final int MAX_ATTEMPTS = 4;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    /** Webhooks in flight at once; more wait their turn (a call's own webhooks go one after another anyway). */
    static final int SENDERS = 32;
    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(2);
    private static final Timeout TIMEOUT = Timeout.ofSeconds(10);
    private static final String USER_AGENT = "dialer-sandbox";
    private static final Logger log = LoggerFactory.getLogger(WebhookClient.class);

    /**
     * How one request is delivered: at most {@code attempts} tries (a refused connection, a timeout or a 5xx is tried
     * again after a growing backoff), each waiting at most {@code timeout} for the answer.
     */
    record Delivery(int attempts, Duration timeout, boolean chunked) {

        /** Twilio's callbacks and TwiML fetches: {@value #MAX_ATTEMPTS} attempts, 10 s each. */
        static final Delivery TWILIO = new Delivery(MAX_ATTEMPTS, Duration.ofSeconds(10), false);

        /** One attempt, never retried: ElevenLabs does not redeliver a failed webhook. */
        static Delivery once(Duration timeout) {
            return new Delivery(1, timeout, false);
        }

        /** The body is sent with {@code Transfer-Encoding: chunked}, as ElevenLabs sends its audio webhooks. */
        Delivery streamed() {
            return new Delivery(attempts, timeout, true);
        }
    }

    /** What the receiver answered. */
    record Response(int statusCode, String body) {
    }

    private final CloseableHttpClient http;
    private final ExecutorService senders;
    private final ScheduledExecutorService timer;

    WebhookClient(ScheduledExecutorService timer) {
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(CONNECT_TIMEOUT).setSocketTimeout(TIMEOUT).build())
                        .setMaxConnPerRoute(SENDERS)
                        .setMaxConnTotal(SENDERS)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(TIMEOUT).build())
                .setUserAgent(USER_AGENT)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
        AtomicInteger counter = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(SENDERS, runnable -> {
            Thread thread = new Thread(runnable, "sandbox-webhook-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.timer = timer;
    }

    /** Completes with the final response, or exceptionally once every attempt failed. */
    CompletableFuture<Response> post(URI url, String contentType, byte[] body, Map<String, String> headers,
                                     Delivery delivery) {
        return attempt(url, () -> {
            HttpPost post = new HttpPost(url);
            post.setHeader("Content-Type", contentType);
            post.setEntity(new ByteArrayEntity(body, null, delivery.chunked()));
            headers.forEach(post::setHeader);
            post.setConfig(timeouts(delivery));
            return post;
        }, delivery, 1);
    }

    CompletableFuture<Response> get(URI url, Map<String, String> headers, Delivery delivery) {
        return attempt(url, () -> {
            HttpGet get = new HttpGet(url);
            headers.forEach(get::setHeader);
            get.setConfig(timeouts(delivery));
            return get;
        }, delivery, 1);
    }

    private static RequestConfig timeouts(Delivery delivery) {
        Timeout timeout = Timeout.of(delivery.timeout());
        return RequestConfig.custom().setResponseTimeout(timeout).setConnectionRequestTimeout(timeout).build();
    }

    private CompletableFuture<Response> attempt(URI url, Supplier<ClassicHttpRequest> requests, Delivery delivery,
                                                int attempt) {
        ClassicHttpRequest request = requests.get();
        return CompletableFuture.supplyAsync(() -> exchange(request), senders)
                .handle((response, failure) -> {
                    Throwable error = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    boolean retryable = error != null || response.statusCode() >= 500;
                    if (!retryable) {
                        return CompletableFuture.completedFuture(response);
                    }
                    String reason = error != null ? error.toString() : "HTTP " + response.statusCode();
                    if (attempt >= delivery.attempts()) {
                        log.warn("Giving up on webhook {} {} after {} attempts: {}", request.getMethod(), url, attempt, reason);
                        return CompletableFuture.<Response>failedFuture(new WebhookFailedException(
                                url + " failed " + attempt + " times, last: " + reason));
                    }
                    long backoff = FIRST_BACKOFF.toMillis() << (attempt - 1);
                    CompletableFuture<Response> retry = new CompletableFuture<>();
                    timer.schedule(() -> attempt(url, requests, delivery, attempt + 1).whenComplete((r, e) -> {
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

    private Response exchange(ClassicHttpRequest request) {
        try {
            return http.execute(request, response -> new Response(response.getCode(),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops sending: webhooks not sent yet are dropped, connections closed. */
    @Override
    public void close() {
        senders.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
    }

    static final class WebhookFailedException extends RuntimeException {
        WebhookFailedException(String message) {
            super(message);
        }
    }
}
