package sa.navaia.dialer.sandbox;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
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
 * Sends the sandbox's webhooks. Each request names its {@link Delivery}. Twilio's requests follow Twilio's webhook
 * connection rules (https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides): by default a connect
 * timeout of 5 s, a read timeout of 15 s, 15 s in all, and one retry, made only when the connection could not be made
 * (retry policy {@code ct}); a 4xx or 5xx answer or a read timeout is final. The URL's fragment ({@code #ct=…&rc=…})
 * overrides these and is never sent on the wire. ElevenLabs' requests are sent {@link Delivery#once once}.
 *
 * <p>Every request is its own exchange, sent as soon as it is asked for: two requests about one call race each other
 * and may arrive in either order, as Twilio's do ("there is no guarantee they will arrive in the same order"). Each
 * is a blocking exchange on a pooled keep-alive connection, on one of {@value #SENDERS} sender threads: under load, the
 * JDK's asynchronous {@code HttpClient} was about 40% of this process's CPU (JFR).
 */
final class WebhookClient implements AutoCloseable {

    /** Webhooks in flight at once; more wait their turn. */
    static final int SENDERS = 32;
    private static final String USER_AGENT = "TwilioProxy/1.1";
    private static final Logger log = LoggerFactory.getLogger(WebhookClient.class);

    /** What may be retried: {@code ct} connection failures, {@code rt} read timeouts, {@code 4xx}, {@code 5xx}. */
    enum Failure {
        CT, RT, HTTP_4XX, HTTP_5XX
    }

    /**
     * How one request is delivered: timeouts for connecting and reading, the total time for every attempt, how many
     * retries and on which failures.
     */
    record Delivery(Duration connectTimeout, Duration readTimeout, Duration totalTime, int retries,
                    Set<Failure> retryOn, boolean chunked) {

        static final Duration CONNECT_DEFAULT = Duration.ofMillis(5000);
        static final Duration READ_DEFAULT = Duration.ofMillis(15000);
        static final Duration TOTAL_DEFAULT = Duration.ofMillis(15000);

        /** Twilio's defaults: {@code ct=5000&rt=15000&tt=15000&rc=1&rp=ct}. */
        static final Delivery TWILIO = new Delivery(CONNECT_DEFAULT, READ_DEFAULT, TOTAL_DEFAULT, 1,
                Set.of(Failure.CT), false);

        Delivery {
            retryOn = retryOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(retryOn));
        }

        /** One attempt, never retried: ElevenLabs does not redeliver a failed webhook. */
        static Delivery once(Duration timeout) {
            return new Delivery(timeout, timeout, timeout, 0, Set.of(), false);
        }

        /** The body is sent with {@code Transfer-Encoding: chunked}, as ElevenLabs sends its audio webhooks. */
        Delivery streamed() {
            return new Delivery(connectTimeout, readTimeout, totalTime, retries, retryOn, true);
        }

        /**
         * Twilio's delivery for {@code url}: the defaults with the overrides in its fragment applied. Values out of
         * the documented ranges are clamped ({@code ct} 100–10000 ms, {@code rt} and {@code tt} 100–15000 ms, {@code rc}
         * 0–5); an unknown {@code rp} value is ignored (Twilio logs warning 11243) and so is an unknown key. {@code e}
         * (egress edge) and {@code sni} are accepted and have no effect on loopback.
         */
        static Delivery twilio(String url) {
            int hash = url.indexOf('#');
            if (hash < 0) {
                return TWILIO;
            }
            Duration ct = CONNECT_DEFAULT;
            Duration rt = READ_DEFAULT;
            Duration tt = TOTAL_DEFAULT;
            int rc = 1;
            Set<Failure> rp = null;
            for (String pair : url.substring(hash + 1).split("&")) {
                int equals = pair.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                String key = pair.substring(0, equals).strip();
                String value = pair.substring(equals + 1).strip();
                switch (key) {
                    case "ct" -> ct = millis(value, 100, 10_000, ct);
                    case "rt" -> rt = millis(value, 100, 15_000, rt);
                    case "tt" -> tt = millis(value, 100, 15_000, tt);
                    case "rc" -> rc = (int) clamp(value, 0, 5, rc);
                    case "rp" -> rp = policy(value);
                    default -> {
                        // e (edges) and sni change nothing on loopback; unknown keys are ignored
                    }
                }
            }
            return new Delivery(ct, rt, tt, rc, rp == null ? Set.of(Failure.CT) : rp, false);
        }

        private static Set<Failure> policy(String value) {
            Set<Failure> policy = EnumSet.noneOf(Failure.class);
            for (String part : value.toLowerCase(Locale.ROOT).split(",")) {
                switch (part.strip()) {
                    case "ct" -> policy.add(Failure.CT);
                    case "rt" -> policy.add(Failure.RT);
                    case "4xx" -> policy.add(Failure.HTTP_4XX);
                    case "5xx" -> policy.add(Failure.HTTP_5XX);
                    case "all" -> policy.addAll(EnumSet.allOf(Failure.class));
                    default -> log.warn("Ignoring retry policy '{}' (Twilio warning 11243: HTTP retry policy is invalid)",
                            part);
                }
            }
            return policy;
        }

        private static Duration millis(String value, long min, long max, Duration fallback) {
            return Duration.ofMillis(clamp(value, min, max, fallback.toMillis()));
        }

        private static long clamp(String value, long min, long max, long fallback) {
            try {
                return Math.max(min, Math.min(max, Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }

    /** The URL as it goes on the wire: without its fragment. */
    static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    /** What the receiver answered, and how many attempts it took. */
    record Response(int statusCode, String body, int attempts) {

        boolean ok() {
            return statusCode >= 200 && statusCode < 300;
        }
    }

    private final CloseableHttpClient http;
    private final ExecutorService senders;
    private final Clock clock;
    private volatile Instant blackoutUntil = Instant.MIN;

    WebhookClient(Clock clock) {
        this.clock = clock;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(10)).setSocketTimeout(Timeout.ofSeconds(15)).build())
                        .setMaxConnPerRoute(SENDERS)
                        .setMaxConnTotal(SENDERS)
                        .build())
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
    }

    /** Until {@code until}, every request fails to connect, as if the receiver were unreachable. */
    void blackout(Instant until) {
        blackoutUntil = until;
    }

    /**
     * Completes with the final answer (a 4xx or 5xx that is not retried is an answer), or exceptionally with a
     * {@link WebhookFailedException} once the connection could not be made or timed out on every attempt.
     */
    CompletableFuture<Response> post(URI url, String contentType, byte[] body, Map<String, String> headers,
                                     Delivery delivery) {
        return send(url, () -> {
            HttpPost post = new HttpPost(url);
            post.setHeader("Content-Type", contentType);
            post.setEntity(new ByteArrayEntity(body, null, delivery.chunked()));
            headers.forEach(post::setHeader);
            return post;
        }, delivery);
    }

    CompletableFuture<Response> get(URI url, Map<String, String> headers, Delivery delivery) {
        return send(url, () -> {
            HttpGet get = new HttpGet(url);
            headers.forEach(get::setHeader);
            return get;
        }, delivery);
    }

    private CompletableFuture<Response> send(URI url, Supplier<ClassicHttpRequest> requests, Delivery delivery) {
        return CompletableFuture.supplyAsync(() -> attempts(url, requests, delivery), senders);
    }

    /**
     * Every attempt within the total time: retries follow at once (Twilio documents no backoff: "two 5-second
     * attempts", error 11205).
     */
    private Response attempts(URI url, Supplier<ClassicHttpRequest> requests, Delivery delivery) {
        long deadline = System.nanoTime() + delivery.totalTime().toNanos();
        int attempt = 0;
        while (true) {
            attempt++;
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            ClassicHttpRequest request = requests.get();
            Failure failure;
            String reason;
            Response response = null;
            try {
                response = exchange(request, delivery, left, attempt);
                failure = response.statusCode() >= 500 ? Failure.HTTP_5XX
                        : response.statusCode() >= 400 ? Failure.HTTP_4XX : null;
                reason = "HTTP " + response.statusCode();
            } catch (IOException e) {
                failure = classify(e);
                reason = e.toString();
            }
            if (failure == null) {
                return response;
            }
            boolean retry = attempt <= delivery.retries() && delivery.retryOn().contains(failure)
                    && System.nanoTime() < deadline;
            if (retry) {
                log.debug("Retrying {} {} ({}), attempt {}", request.getMethod(), url, reason, attempt + 1);
                continue;
            }
            if (response != null) {
                return response;
            }
            log.warn("Giving up on webhook {} {} after {} attempt(s): {}", request.getMethod(), url, attempt, reason);
            throw new WebhookFailedException(url + " failed " + attempt + " time(s), last: " + reason, failure, attempt);
        }
    }

    private static Failure classify(IOException e) {
        if (e instanceof ConnectException || e instanceof HttpHostConnectException
                || e instanceof ConnectTimeoutException || e instanceof NoRouteToHostException) {
            return Failure.CT;
        }
        // A read timeout, or the connection lost mid-answer: not retried by default either.
        return Failure.RT;
    }

    @SuppressWarnings("deprecation")
    private Response exchange(ClassicHttpRequest request, Delivery delivery, long millisLeft, int attempt)
            throws IOException {
        if (clock.instant().isBefore(blackoutUntil)) {
            throw new ConnectException("Connection refused (sandbox blackout)");
        }
        long connect = Math.min(delivery.connectTimeout().toMillis(), millisLeft);
        long read = Math.min(delivery.readTimeout().toMillis(), millisLeft);
        if (request instanceof org.apache.hc.client5.http.classic.methods.HttpUriRequestBase base) {
            base.setConfig(RequestConfig.custom()
                    .setConnectTimeout(Timeout.ofMilliseconds(connect))
                    .setResponseTimeout(Timeout.ofMilliseconds(read))
                    .setConnectionRequestTimeout(Timeout.ofMilliseconds(millisLeft))
                    .build());
        }
        return http.execute(request, response -> new Response(response.getCode(),
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity()), attempt));
    }

    /** Stops sending: webhooks not sent yet are dropped, connections closed. */
    @Override
    public void close() {
        senders.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
    }

    /** Every attempt failed to connect or timed out; {@code failure} is the last attempt's. */
    static final class WebhookFailedException extends RuntimeException {

        private final Failure failure;
        private final int attempts;

        WebhookFailedException(String message, Failure failure, int attempts) {
            super(message);
            this.failure = failure;
            this.attempts = attempts;
        }

        Failure failure() {
            return failure;
        }

        int attempts() {
            return attempts;
        }
    }

    /** The cause a failed delivery completed with, unwrapped. */
    static Throwable cause(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
