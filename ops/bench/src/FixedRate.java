import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends RATE requests per second for SECONDS seconds (lines FIRST.. of the signed-requests file) to
 * BASE_URL and prints (over all but the first second's requests) "sent p50_ms p99_ms max_ms status=count,...". Latency is measured from each
 * request's scheduled send time, so a stalled server is not hidden (no coordinated omission).
 *
 *   java ops/bench/src/FixedRate.java BASE_URL REQUESTS_FILE FIRST RATE SECONDS
 */
public final class FixedRate {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        int first = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int total = rate * seconds;
        if (first + total > lines.size()) {
            throw new IllegalArgumentException("need " + (first + total) + " requests, the file has " + lines.size());
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8)).connectTimeout(Duration.ofSeconds(5)).build();
        long[] latencies = new long[total];
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> pending = new CopyOnWriteArrayList<>();
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 200_000_000L;
        long interval = 1_000_000_000L / rate;
        AtomicInteger next = new AtomicInteger();
        scheduler.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            int i;
            while ((i = next.get()) < total && start + i * interval <= now) {
                next.incrementAndGet();
                String[] parts = lines.get(first + i).split("\t", 3);
                long due = start + i * interval;
                int index = i;
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + parts[0])).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", parts[1])
                        .POST(HttpRequest.BodyPublishers.ofString(parts[2])).build();
                pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                    latencies[index] = System.nanoTime() - due;
                    statuses.computeIfAbsent(error == null ? response.statusCode() : -1, k -> new AtomicInteger()).incrementAndGet();
                    return null;
                }));
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        while (next.get() < total) {
            Thread.sleep(50);
        }
        scheduler.shutdown();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        // the first second warms up the client (connections, JIT) and is left out of the percentiles
        long[] sorted = Arrays.copyOfRange(latencies, Math.min(rate, total - 1), total);
        Arrays.sort(sorted);
        int n = sorted.length;
        System.out.printf("%d %.2f %.2f %.2f %s%n", total, sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6,
                sorted[n - 1] / 1e6, new TreeMap<>(statuses).toString().replace(" ", ""));
        System.exit(0);
    }
}
