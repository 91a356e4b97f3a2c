package sa.navaia.dialer.dialing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.app.DialerContext;
import sa.navaia.dialer.app.TestSettings;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SandboxSettings;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.sandbox.LedgerEntry;
import sa.navaia.dialer.sandbox.Sandbox;

/**
 * A migrated test database, the real sandbox on an ephemeral port (time scale 1000), and worker
 * contexts pointed at both. Contacts are written as the importer writes them.
 */
public final class DialHarness implements AutoCloseable {

    /** A zone where it is about noon now (inside 08:00-21:00), and one where it is about midnight. */
    static final String INSIDE_ZONE = zoneAt(12);
    static final String OUTSIDE_ZONE = zoneAt(0);

    final TestDatabase.Migrated db;
    final Sandbox sandbox;
    /** Stands in for the webhook receiver at API_URL: answers every callback at once, so the sandbox never retries. */
    final com.sun.net.httpserver.HttpServer receiver;
    final JdbcClient jdbc;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private int nextNumber = 2000;
    /** Settings the next workers get besides the harness's own, e.g. DIALER_NATIONAL_REGISTRY=required. */
    final Map<String, String> extraEnvironment = new HashMap<>();

    public DialHarness(TestDatabase kind, int apiLatencyMillis) {
        this(kind, apiLatencyMillis, 100);
    }

    /** @param sandboxAccountCps the sandbox account's CPS: calls beyond it wait in its queue, as at Twilio */
    DialHarness(TestDatabase kind, int apiLatencyMillis, double sandboxAccountCps) {
        this.db = kind.create();
        this.sandbox = Sandbox.builder(new SandboxSettings(0, 42, 1000, apiLatencyMillis, sandboxAccountCps, 0, 0))
                .postCallUrl(null).build().start();
        this.jdbc = JdbcClient.create(db.dataSource());
        try {
            this.receiver = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 64);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] twiml = "<Response><Hangup/></Response>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, twiml.length);
            exchange.getResponseBody().write(twiml);
            exchange.close();
        });
        receiver.start();
    }

    Map<String, String> environment(int twilioPort, double accountCps) {
        Map<String, String> env = new HashMap<>();
        env.put("DIALER_SANDBOX_PORT", String.valueOf(twilioPort));
        env.put("API_URL", "http://127.0.0.1:" + receiver.getAddress().getPort());
        env.put("DIALER_ACCOUNT_CPS", String.valueOf(accountCps));
        env.put("DIALER_NUMBER_CPS", String.valueOf(accountCps));
        env.put("DIALER_PLACER_THREADS", "16");
        env.putAll(extraEnvironment);
        return env;
    }

    /** A worker context talking to the sandbox (or to whatever listens on {@code twilioPort}). */
    ConfigurableApplicationContext worker(int twilioPort, double accountCps, String... properties) {
        DialerSettings settings = TestSettings.forDatabase(db, environment(twilioPort, accountCps));
        List<String> all = new ArrayList<>(List.of("dialer.dial.horizon=PT0S"));
        all.addAll(List.of(properties));
        ConfigurableApplicationContext context = DialerContext.start(settings, all.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    ConfigurableApplicationContext worker(double accountCps, String... properties) {
        return worker(sandbox.baseUri().getPort(), accountCps, properties);
    }

    Campaign activeCampaign(String name, double cps, int liveCalls) {
        return activeCampaign(name, cps, liveCalls, 3);
    }

    Campaign activeCampaign(String name, double cps, int liveCalls, int maxAttempts) {
        CampaignRepository campaigns = new CampaignRepository(db.dataSource(), Clock.systemUTC());
        Campaign draft = Campaign.draft(name, "support", "+19383362295", "US", Clock.systemUTC().instant());
        Campaign withRate = draft.withDialing(draft.allowedCountries(), draft.timeZone(), draft.windowStart(),
                draft.windowEnd(), draft.allowedDays(), Optional.empty(), true, maxAttempts, draft.retryBackoff(),
                Duration.ofMinutes(60), "Enable", cps, liveCalls);
        Campaign created = campaigns.create(withRate);
        campaigns.changeStatus(created.id(), CampaignStatus.DRAFT, CampaignStatus.ACTIVE);
        return campaigns.findById(created.id()).orElseThrow();
    }

    /** Adds a contact with a fresh New York number; returns its number. */
    String contact(long campaignId, String zone, boolean consent) {
        int n = nextNumber++;
        String phone = "+1212" + (200 + n % 100) + String.format("%04d", n);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO contacts (campaign_id, phone_e164, region_code, time_zones, consent, status, attempts_made,
                                      created_at, updated_at)
                VALUES (:campaignId, :phone, 'US', :zone, :consent, 'pending', 0, :now, :now)""")
                .param("campaignId", campaignId).param("phone", phone).param("zone", zone).param("consent", consent)
                .param("now", now).update();
        return phone;
    }

    public List<LedgerEntry> ledger() {
        return sandbox.ledger();
    }

    long calledTimes(String phone) {
        return sandbox.ledger().stream().filter(e -> e.to().equals(phone)).count();
    }

    /** The most calls the ledger received in any one-second sliding window. */
    static int maxCallsInAnySecond(List<LedgerEntry> ledger) {
        List<Long> times = ledger.stream().map(e -> e.receivedAt().toEpochMilli()).sorted().toList();
        int max = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= 1000) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

    DataSource dataSource() {
        return db.dataSource();
    }

    URI sandboxUri() {
        return sandbox.baseUri();
    }

    private static String zoneAt(int localHour) {
        int utcHour = LocalDateTime.now(ZoneOffset.UTC).getHour();
        int offset = localHour - utcHour;
        if (offset < -12) {
            offset += 24;
        } else if (offset > 14) {
            offset -= 24;
        }
        return offset == 0 ? "Etc/UTC" : offset > 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + (-offset);
    }

    /** A worker serving the console and API on an ephemeral port, its uploads under {@code dataDir}. */
    public ConfigurableApplicationContext consoleWorker(java.nio.file.Path dataDir, double accountCps) {
        Map<String, String> env = environment(sandbox.baseUri().getPort(), accountCps);
        env.put("DIALER_DATA_DIR", dataDir.toString());
        // No fixed management port (8081 by default): a test in the other fork, or another build, may hold it.
        env.putIfAbsent("DIALER_METRICS_PORT", "0");
        ConfigurableApplicationContext context = DialerContext.startWorker(TestSettings.forDatabase(db, env),
                "dialer.dial.horizon=PT0S", "server.port=0");
        contexts.add(context);
        return context;
    }

    @Override
    public void close() {
        for (ConfigurableApplicationContext context : contexts) {
            context.close();
        }
        sandbox.close();
        receiver.stop(0);
        db.close();
    }
}
