import com.twilio.http.TwilioRestClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import sa.navaia.dialer.config.SandboxSettings;
import sa.navaia.dialer.config.TwilioSettings;
import sa.navaia.dialer.dialing.CallPlacer;
import sa.navaia.dialer.dialing.PlaceResult;
import sa.navaia.dialer.twilio.TwilioClients;

/**
 * The dial benchmark's baseline: CALLS create-call requests with the Twilio SDK against the sandbox on
 * THREADS threads, nothing else (no database, no rate limit). Each request is the dial job's own, made by
 * the same {@link CallPlacer} (TwiML URL and status callbacks on API_URL, all four events), so the
 * sandbox plays the calls and calls the receiver back in both runs alike; only the dial job's own work
 * differs. Prints "calls seconds calls/s cpu_ms failed".
 *
 *   java -cp 'campaigns/target/lib/*' ops/bench/src/BareDial.java SANDBOX_PORT CALLS THREADS FIRST_NUMBER API_URL
 */
public final class BareDial {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        long first = Long.parseLong(args[3]);
        CallPlacer placer;
        TwilioRestClient client = TwilioClients.create(new TwilioSettings(SandboxSettings.ACCOUNT_SID,
                SandboxSettings.AUTH_TOKEN, "+19383362295", URI.create("http://127.0.0.1:" + port)));
        placer = new CallPlacer(client, URI.create(args[4]));
        AtomicInteger next = new AtomicInteger();
        AtomicLong failed = new AtomicLong();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < calls) {
                    PlaceResult result = placer.place(String.format("+1212%07d", first + i), "+19383362295",
                            String.format("vs_bare%07d", i), 1, null);
                    if (!(result instanceof PlaceResult.Placed)) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("bare dial loop did not finish in 10 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpuMs = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
        System.out.printf("%d %.2f %.1f %d %d%n", calls, seconds, calls / seconds, cpuMs, failed.get());
    }
}
