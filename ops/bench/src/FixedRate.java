import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends RATE requests per second for SECONDS seconds (lines FIRST.. of the signed-requests file) to BASE_URL over
 * CONNECTIONS persistent HTTP/1.1 connections (default 32, as wrk), one request at a time on each, and prints (over all
 * but the first second's requests) "sent p50_ms p99_ms max_ms status=count,...". Latency is measured from each
 * request's scheduled send time, so a stalled server is not hidden (no coordinated omission): a request that waits for
 * a free connection waits on the clock.
 *
 * Plain sockets, one thread per connection, blocking reads: the client does next to nothing per request, so on a small
 * machine it does not become the bottleneck it would measure. (The JDK HttpClient did: at 500 req/s it queued requests
 * for seconds in front of a server that answers 18,000 a second.)
 *
 * Each line of REQUESTS_FILE is "path TAB header-value TAB body". The header is X-Twilio-Signature and the body a form,
 * unless FIXED_RATE_HEADER and FIXED_RATE_CONTENT_TYPE name others (the personalisation benchmark sends JSON with
 * X-Dialer-Secret).
 *
 *   java ops/bench/src/FixedRate.java BASE_URL REQUESTS_FILE FIRST RATE SECONDS [CONNECTIONS]
 */
public final class FixedRate {

    private record Due(int index, long dueNanos, byte[] request) {
    }

    private record Response(int status, boolean closes) {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        int first = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int connections = args.length > 5 ? Integer.parseInt(args[5]) : 32;
        int total = rate * seconds;
        if (first + total > lines.size()) {
            throw new IllegalArgumentException("need " + (first + total) + " requests, the file has " + lines.size());
        }
        String host = base.getHost() + ":" + base.getPort();
        String header = System.getenv().getOrDefault("FIXED_RATE_HEADER", "X-Twilio-Signature");
        String contentType = System.getenv().getOrDefault("FIXED_RATE_CONTENT_TYPE", "application/x-www-form-urlencoded");
        byte[][] requests = new byte[total][];
        for (int i = 0; i < total; i++) {
            String[] parts = lines.get(first + i).split("\t", 3);
            byte[] body = parts[2].getBytes(StandardCharsets.UTF_8);
            String head = "POST " + parts[0] + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + "Content-Type: " + contentType + "\r\n" + header + ": " + parts[1] + "\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
            requests[i] = Arrays.copyOf(headBytes, headBytes.length + body.length);
            System.arraycopy(body, 0, requests[i], headBytes.length, body.length);
        }
        lines = null;

        long[] latencies = new long[total];
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        LinkedBlockingQueue<Due> queue = new LinkedBlockingQueue<>();
        CountDownLatch done = new CountDownLatch(total);
        for (int c = 0; c < connections; c++) {
            Thread worker = new Thread(() -> sendFrom(queue, base, latencies, statuses, done), "conn-" + c);
            worker.setDaemon(true);
            worker.start();
        }
        long start = System.nanoTime() + 200_000_000L;
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            queue.add(new Due(i, due, requests[i]));
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
            System.err.println(done.getCount() + " requests had no answer after 60 s");
        }
        // the first second warms up the client (connections, JIT) and is left out of the percentiles
        long[] sorted = Arrays.copyOfRange(latencies, Math.min(rate, total - 1), total);
        Arrays.sort(sorted);
        int n = sorted.length;
        System.out.printf("%d %.2f %.2f %.2f %s%n", total, sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6,
                sorted[n - 1] / 1e6, new TreeMap<>(statuses).toString().replace(" ", ""));
        System.exit(0);
    }

    /** One connection: takes the next due request, sends it, reads the whole answer; reconnects after an error. */
    private static void sendFrom(LinkedBlockingQueue<Due> queue, URI base, long[] latencies,
                                 Map<Integer, AtomicInteger> statuses, CountDownLatch done) {
        Socket socket = null;
        InputStream in = null;
        OutputStream out = null;
        while (true) {
            Due next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            int status;
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
                    socket.setSoTimeout(10_000);
                    in = new BufferedInputStream(socket.getInputStream(), 8192);
                    out = socket.getOutputStream();
                }
                out.write(next.request());
                out.flush();
                Response response = readResponse(in);
                status = response.status();
                if (response.closes()) {
                    socket.close();
                    socket = null;
                }
            } catch (IOException e) {
                status = -1; // timed out, refused or reset: counted as -1
                try {
                    if (socket != null) {
                        socket.close();
                    }
                } catch (IOException ignored) {
                    // closing a broken connection
                }
                socket = null;
            }
            latencies[next.index()] = System.nanoTime() - next.dueNanos();
            statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
            done.countDown();
        }
    }

    /** Reads one HTTP/1.1 response (Content-Length or chunked body); status -1 when the server closed instead. */
    private static Response readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            return new Response(-1, true);
        }
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        long length = 0;
        boolean chunked = false;
        boolean close = false;
        for (String header = readLine(in); header != null && !header.isEmpty(); header = readLine(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(readLine(in).strip(), 16); size > 0; size = Long.parseLong(readLine(in).strip(), 16)) {
                in.skipNBytes(size);
                readLine(in);
            }
            readLine(in);
        } else {
            in.skipNBytes(length);
        }
        return new Response(status, close);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.length() == 0 ? null : line.toString();
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
