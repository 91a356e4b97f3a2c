package sa.navaia.dialer.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import sa.navaia.dialer.app.DialerContext;
import sa.navaia.dialer.app.TestSettings;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.user.ApiTokenRepository;
import sa.navaia.dialer.user.Role;
import sa.navaia.dialer.user.UserRepository;

/** A worker context serving the console and API on an ephemeral port, with helpers to make users and send requests. */
final class ConsoleServer implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final URI base;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    ConsoleServer(TestDatabase.Migrated db, Path dataDir, Map<String, String> overrides) {
        this(DialerContext.startWorker(TestSettings.forDatabase(db, withDataDir(overrides, dataDir)), "server.port=0"));
    }

    /** Requests to a worker started elsewhere (closing this closes it too). */
    ConsoleServer(ConfigurableApplicationContext worker) {
        context = worker;
        base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static Map<String, String> withDataDir(Map<String, String> overrides, Path dataDir) {
        Map<String, String> environment = new HashMap<>(overrides);
        environment.put("DIALER_DATA_DIR", dataDir.toString());
        // No fixed management port (8081 by default): another build on the machine may hold it.
        environment.putIfAbsent("DIALER_METRICS_PORT", "0");
        return environment;
    }

    void addUser(String name, String password, Role role) {
        context.getBean(UserRepository.class).create(name, context.getBean(PasswordEncoder.class).encode(password), role);
    }

    /** A user with that role and an API token acting as them. */
    String tokenFor(String name, Role role) {
        addUser(name, UUID.randomUUID().toString(), role);
        long id = context.getBean(UserRepository.class).findByUsername(name).orElseThrow().id();
        return context.getBean(ApiTokenRepository.class).create(id, "test").token();
    }

    HttpResponse<String> send(String method, String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a multipart form with one CSV file part and text parts. */
    HttpResponse<String> upload(String path, String token, String fileName, String csv, Map<String, String> fields)
            throws IOException, InterruptedException {
        return http.send(multipart(base.resolve(path), fileName, csv, fields).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST of a multipart form with one CSV file part and text parts, to send as it is or with more headers. */
    static HttpRequest.Builder multipart(URI uri, String fileName, String csv, Map<String, String> fields) {
        String boundary = "----dialer" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
        body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(fileName).append("\"\r\n")
                .append("Content-Type: text/csv\r\n\r\n").append(csv).append("\r\n--").append(boundary).append("--\r\n");
        return HttpRequest.newBuilder(uri).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }

    /** A browser-like client: keeps cookies, does not follow redirects. */
    static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void close() {
        context.close();
    }
}
