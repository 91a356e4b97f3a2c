import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import sa.navaia.dialer.config.SandboxSettings;
import sa.navaia.dialer.config.TwilioSettings;
import sa.navaia.dialer.twilio.TwilioClients;

/**
 * The dial benchmark's baseline: CALLS create-call requests with the Twilio SDK against the sandbox on
 * THREADS threads, nothing else (no database, no rate limit). Prints "calls seconds calls/s cpu_ms".
 *
 *   java -cp 'campaigns/target/lib/*' ops/bench/src/BareDial.java SANDBOX_PORT CALLS THREADS FIRST_NUMBER CONNECT_URL
 */
public final class BareDial {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        long first = Long.parseLong(args[3]);
        URI connect = URI.create(args[4]);
        TwilioRestClient client = TwilioClients.create(new TwilioSettings(SandboxSettings.ACCOUNT_SID,
                SandboxSettings.AUTH_TOKEN, "+19383362295", URI.create("http://127.0.0.1:" + port)));
        PhoneNumber from = new PhoneNumber("+19383362295");
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
                    try {
                        Call.creator(new PhoneNumber(String.format("+1212%07d", first + i)), from, connect).create(client);
                    } catch (RuntimeException e) {
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
