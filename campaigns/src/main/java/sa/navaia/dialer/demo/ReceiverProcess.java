package sa.navaia.dialer.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The webhook receiver as its own process, as in production: started from its packaged jar with the
 * settings passed as environment variables, ready once {@code /healthz} answers, stopped with SIGTERM.
 */
public final class ReceiverProcess implements AutoCloseable {

    private final Process process;
    private final URI baseUri;
    private final Path log;

    private ReceiverProcess(Process process, URI baseUri, Path log) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
    }

    /** Starts the receiver jar found under {@code home/webhook-receiver/target} and waits until it is healthy. */
    public static ReceiverProcess start(Path home, Map<String, String> environment, int port, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Path jar = receiverJar(home);
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xss512k", "-jar", jar.toString()));
        builder.environment().keySet().removeIf(name -> name.startsWith("DIALER_") || name.startsWith("TWILIO_")
                || name.startsWith("ELEVENLABS_") || name.equals("API_URL"));
        builder.environment().putAll(environment);
        builder.environment().put("DIALER_PORT", Integer.toString(port));
        // No management port unless asked for: a fixed default would clash between receivers started side by side.
        builder.environment().putIfAbsent("DIALER_RECEIVER_METRICS_PORT", "0");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        ReceiverProcess receiver = new ReceiverProcess(process, URI.create("http://127.0.0.1:" + port), log);
        receiver.awaitHealthy(timeout);
        return receiver;
    }

    public URI baseUri() {
        return baseUri;
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The webhook receiver exited with code " + process.exitValue()
                        + " before it was ready; see " + log.toAbsolutePath() + ":\n" + tail(log));
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(baseUri.resolve("/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("The webhook receiver did not become healthy within " + timeout.toSeconds()
                + " s; see " + log.toAbsolutePath());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A free port on loopback, for processes started here. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static Path receiverJar(Path home) throws IOException {
        // A checkout builds it under webhook-receiver/target; the release archive has it under receiver/.
        Path target = Files.isDirectory(home.resolve("receiver")) ? home.resolve("receiver") : home.resolve("webhook-receiver/target");
        if (!Files.isDirectory(target)) {
            throw new IllegalStateException("The webhook receiver is not built: " + target + " is missing; run 'mvn -DskipTests package' (ops/dialer does it for you).");
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("dialer-webhook-receiver-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No dialer-webhook-receiver jar in " + target + "; run 'mvn -DskipTests package'."));
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
