package sa.navaia.dialer.webhook;

import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.session.NewSession;
import sa.navaia.dialer.session.SessionIds;
import sa.navaia.dialer.session.VoiceSessionRepository;
import sa.navaia.dialer.elevenlabs.ElevenLabsSignature;

/** A real receiver on an ephemeral port over a fresh test database, and a client that signs like Twilio and ElevenLabs. */
public final class ReceiverHarness implements AutoCloseable {

    public static final String API_URL = "https://dialer.example.test";
    public static final int MAX_BODY_BYTES = 64 * 1024;

    public final TestDatabase.Migrated db;
    public final SwitchableDataSource dataSource;
    public final DialerSettings settings;
    public EmbeddedServer server;
    private final boolean fixedPort;
    public final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    public final JdbcClient jdbc;
    public final VoiceSessionRepository sessions;

    private ReceiverHarness(TestDatabase kind, Map<String, String> environment) {
        this.db = kind.create();
        this.dataSource = new SwitchableDataSource(db.dataSource());
        Map<String, String> env = new HashMap<>(Map.of("API_URL", API_URL,
                "DIALER_MAX_BODY_BYTES", String.valueOf(MAX_BODY_BYTES), "DIALER_SANDBOX_PORT", "9",
                "DIALER_JOURNAL_DIR", newJournalDir().toString(), "DIALER_RECEIVER_METRICS_PORT", "0"));
        env.putAll(environment);
        this.settings = SettingsLoader.load(env, Path.of("target", "no-such.env"));
        this.fixedPort = environment.containsKey("DIALER_PORT");
        this.server = startServer();
        this.jdbc = JdbcClient.create(db.dataSource());
        this.sessions = new VoiceSessionRepository(db.dataSource(), Clock.systemUTC());
    }

    private EmbeddedServer startServer() {
        // DIALER_PORT is used only when a test names it (a sandbox must know API_URL before the receiver starts).
        int port = fixedPort ? settings.receiver().port() : -1;
        return ReceiverApplication.start(settings, dataSource, Clock.systemUTC(), port,
                Map.of("dialer.inbox.poll-interval", "1s", "micronaut.server.host", "127.0.0.1",
                        "dialer.journal.replay-interval", "300ms", "dialer.journal.replay-delay", "300ms"));
    }

    /** Each receiver its own journal, as in production: one folder per process. */
    private static Path newJournalDir() {
        try {
            return java.nio.file.Files.createTempDirectory("receiver-journal");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the receiver and starts it again on the same database and journal, as a restart of the process would. */
    public void restart() {
        server.getApplicationContext().close();
        server = startServer();
    }

    /** The journal's segment files not replayed yet. */
    public long journalSegments() {
        try (var files = java.nio.file.Files.list(settings.receiver().journalDir())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ReceiverHarness start(TestDatabase kind) {
        return new ReceiverHarness(kind, Map.of());
    }

    public static ReceiverHarness start(TestDatabase kind, Map<String, String> environment) {
        return new ReceiverHarness(kind, environment);
    }

    /** A new session to {@code phone} with an open call attempt, as the dialer would leave it. */
    public String newSession(String phone) {
        String id = SessionIds.next();
        sessions.create(new NewSession(id, "support", phone, "cust-" + id.substring(3, 9), null, null, null));
        jdbc.sql("""
                INSERT INTO call_attempts (decision, reason_code, phone_e164, status, session_id, decided_at)
                VALUES ('dial', 'api', :phone, 'placed', :id, :now)""")
                .param("phone", phone).param("id", id).param("now", sa.navaia.dialer.db.SqlTime.utc(Instant.now())).update();
        return id;
    }

    /** How often the receiver counted {@code dialer.webhook} for this type and outcome. */
    public double webhookCount(String type, String outcome) {
        var counter = server.getApplicationContext().getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .find("dialer.webhook").tags("type", type, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Twilio's signature: base64 HMAC-SHA1 of the public URL followed by each sorted parameter name and value. */
    public String twilioSignature(String path, Map<String, String> params) {
        StringBuilder data = new StringBuilder(API_URL + path);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(settings.twilio().authToken().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> postTwilio(String path, Map<String, String> params) {
        return postForm(path, form(params), twilioSignature(path, params));
    }

    public HttpResponse<String> postForm(String path, String body, String signature) {
        return send(formRequest(path, body, signature));
    }

    /** Sends a signed Twilio callback without waiting for the answer, as concurrent deliveries arrive. */
    public CompletableFuture<HttpResponse<String>> postTwilioAsync(String path, Map<String, String> params) {
        return http.sendAsync(formRequest(path, form(params), twilioSignature(path, params)), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest formRequest(String path, String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request.build();
    }

    public String elevenLabsSignature(String body, Instant at) {
        return ElevenLabsSignature.sign(settings.elevenLabs().webhookSecret(), at.getEpochSecond(), body.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> postCall(String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/voice/post_call"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header(ElevenLabsSignature.HEADER, signature);
        }
        return send(request.build());
    }

    public HttpResponse<String> postCall(String body) {
        return postCall(body, elevenLabsSignature(body, Instant.now()));
    }

    public int count(String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (Object param : params) {
            statement = statement.param(param);
        }
        return statement.query(Integer.class).single();
    }

    public String text(String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (Object param : params) {
            statement = statement.param(param);
        }
        return statement.query(String.class).optional().orElse(null);
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
        db.close();
    }
}
