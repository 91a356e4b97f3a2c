package sa.navaia.dialer.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the webhook receiver for tests: records every request and answers {@code connect} with TwiML
 * that dials the agent from the customer's number ({@code callerId}), with a {@code <Dial action>}. The first
 * {@code failingStatusCallbacks} status callbacks get a 503. The personalisation webhook
 * ({@code /api/elevenlabs/personalization}) answers what {@link #answerPersonalizationWith} set; the post-call
 * webhook answers 200 unless {@link #answerPostCallsWith} says otherwise.
 */
final class WebhookRecorder implements AutoCloseable {

    record Received(String method, String path, String query, Map<String, String> headers, byte[] body) {

        String url(String base) {
            return base + path + (query == null ? "" : "?" + query);
        }

        Map<String, String> form() {
            Map<String, String> params = new LinkedHashMap<>();
            Form.parse(new String(body, StandardCharsets.UTF_8)).forEach((name, values) -> params.put(name, values.get(0)));
            return params;
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final String agentNumber;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile String connectTwiml;
    private volatile String dialResultTwiml;
    private volatile String optOutTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>";
    private volatile int personalizationStatus = 200;
    private volatile String personalizationBody = "{\"type\":\"conversation_initiation_client_data\",\"dynamic_variables\":{}}";
    private volatile long personalizationDelayMillis;
    private volatile int postCallStatus = 200;

    WebhookRecorder(String agentNumber) throws IOException {
        this.agentNumber = agentNumber;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Answers every dial action (the agent's leg ended) with this TwiML. */
    void answerDialResultWith(String twiml) {
        dialResultTwiml = twiml;
    }

    /** Answers every {@code <Gather action>} ({@code /api/twilio/opt-out/...}) with this TwiML. */
    void answerOptOutWith(String twiml) {
        optOutTwiml = twiml;
    }

    String optOutUrl(String sessionId) {
        return base() + "/api/twilio/opt-out/" + sessionId;
    }

    /** Answers every connect request with this TwiML instead of the dial to the agent. */
    void answerConnectWith(String twiml) {
        connectTwiml = twiml;
    }

    void answerPersonalizationWith(int status, String body) {
        personalizationStatus = status;
        personalizationBody = body;
    }

    void delayPersonalization(long millis) {
        personalizationDelayMillis = millis;
    }

    void answerPostCallsWith(int status) {
        postCallStatus = status;
    }

    String personalizationUrl() {
        return base() + "/api/elevenlabs/personalization";
    }

    void failNextStatusCallbacks(int count) {
        failuresLeft.set(count);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String connectUrl(String sessionId) {
        return base() + "/api/twilio/connect/" + sessionId;
    }

    String fallbackUrl(String sessionId) {
        return base() + "/api/twilio/fallback/" + sessionId;
    }

    String amdUrl(String sessionId) {
        return base() + "/api/twilio/amd/" + sessionId;
    }

    String statusUrl(String sessionId) {
        return base() + "/api/twilio/status/" + sessionId;
    }

    String postCallUrl() {
        return base() + "/voice/post_call";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> under(String pathPrefix) {
        return received.stream().filter(request -> request.path().startsWith(pathPrefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/api/twilio/status/") && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(exchange, 503, "text/plain", "try again");
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        Received request = new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                headers, exchange.getRequestBody().readAllBytes());
        received.add(request);
        if (path.startsWith("/api/twilio/dial-result/") && dialResultTwiml != null) {
            respond(exchange, 200, "text/xml", dialResultTwiml);
        } else if (path.startsWith("/api/twilio/opt-out/")) {
            respond(exchange, 200, "text/xml", optOutTwiml);
        } else if (path.startsWith("/api/twilio/connect/") && connectTwiml != null) {
            respond(exchange, 200, "text/xml", connectTwiml);
        } else if (path.startsWith("/api/twilio/fallback/")) {
            respond(exchange, 200, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>We are sorry,"
                    + " please try again later.</Say><Hangup/></Response>");
        } else if (path.startsWith("/api/twilio/connect/")) {
            String sessionId = path.substring("/api/twilio/connect/".length());
            String customer = "GET".equals(request.method())
                    ? Form.first(Form.parse(request.query()), "To") : request.form().get("To");
            respond(exchange, 200, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                    + "<Dial action=\"" + base() + "/api/twilio/dial-result/" + sessionId + "\" callerId=\""
                    + customer + "\"><Number>" + agentNumber + "</Number></Dial></Response>");
        } else if (path.equals("/api/elevenlabs/personalization")) {
            if (personalizationDelayMillis > 0) {
                try {
                    Thread.sleep(personalizationDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            respond(exchange, personalizationStatus, "application/json", personalizationBody);
        } else if (path.startsWith("/voice/post_call")) {
            respond(exchange, postCallStatus, "application/json", "{\"status\":\"stored\"}");
        } else if (path.startsWith("/api/twilio/status/")) {
            respond(exchange, 204, null, null);
        } else {
            respond(exchange, 200, "application/json", "{}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            if (body == null) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
