package sa.navaia.dialer.demo;

import com.opencsv.CSVReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.app.DialerContext;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.Setting;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.db.Migrations;
import sa.navaia.dialer.dialing.DialMonitor;
import sa.navaia.dialer.dialing.DialRuns;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.DoNotCallScope;
import sa.navaia.dialer.importing.ContactImporter;
import sa.navaia.dialer.importing.ImportOutcome;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.report.AttemptReport;
import sa.navaia.dialer.report.AttemptReportRepository;
import sa.navaia.dialer.report.ReportCsv;
import sa.navaia.dialer.report.ReportHtml;
import sa.navaia.dialer.sandbox.LedgerEntry;
import sa.navaia.dialer.sandbox.Sandbox;

/**
 * The whole pipeline on one machine, as the demo and the end-to-end test run it: the sandbox carrier (Twilio, and
 * ElevenLabs set up as the README says: two agents, the personalisation webhook), the webhook receiver as its own
 * process, a campaign for the agent "support" and, with a second list, one for the agent "sales", an import of each
 * list, one dial run of each, and the compliance report once every call has settled. Everything it starts, it stops.
 */
public final class DemoRun {

    /**
     * @param home            the repository root (where the built jars are)
     * @param workDir         a folder of the run's own: embedded database, logs, reports
     * @param contacts        the CSV list to import
     * @param environment     settings to start from (the process environment, or a test's); sandbox mode only
     * @param databaseUrl     empty for an embedded H2 file in {@code workDir}; else a MySQL URL (user/password from environment)
     * @param doNotCall       numbers put on the system do-not-call list before the import
     * @param scripts         lets a test script the sandbox's outcomes per number before anything is dialed
     * @param salesContacts   a second list, dialed by a second campaign through the agent "sales"; empty: none
     */
    public record Options(Path home, Path workDir, Path contacts, Optional<Path> salesContacts, Map<String, String> environment,
                          Optional<String> databaseUrl, double timeScale, long seed, double duplicateRate,
                          double reorderRate, List<String> doNotCall, Consumer<Sandbox> scripts, Duration settleTimeout,
                          PrintStream out) {
    }

    /** What the run did, with the sandbox's ledger as the truth to compare against. */
    public record Result(Campaign campaign, ImportOutcome imported, DialRuns.Outcome dialed, List<LedgerEntry> ledger,
                         AttemptReport report, Path htmlReport, Path csvReport, Map<String, Long> records,
                         Map<String, Long> matches, Optional<Campaign> salesCampaign, DialerSettings settings) {
    }

    /** The two agents the demo's ElevenLabs plays, each at its own imported number. */
    static final String DEMO_AGENTS = "support:agent_support:+19385550100,sales:agent_sales:+19385550111";

    private final Options options;

    public DemoRun(Options options) {
        this.options = options;
    }

    public Result run() throws Exception {
        return run(Optional.empty());
    }

    /**
     * Runs the demo; with {@code console}, the worker also serves the console and API (DIALER_CONSOLE_PORT), and
     * {@code console} is called with the result while the worker, receiver and sandbox still run.
     */
    public Result run(Optional<java.util.function.BiConsumer<Result, ConfigurableApplicationContext>> console) throws Exception {
        PrintStream out = options.out();
        Files.createDirectories(options.workDir());
        int receiverPort = ReceiverProcess.freePort();
        int sandboxPort = ReceiverProcess.freePort();
        Map<String, String> environment = environment(receiverPort, sandboxPort);
        DialerSettings settings = SettingsLoader.load(environment, options.workDir().resolve("no.env"));
        if (settings.mode() != sa.navaia.dialer.config.Mode.SANDBOX) {
            throw new IllegalStateException("The demo runs in sandbox mode only: unset TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.");
        }

        step(out, "Preparing the database " + settings.database().url());
        try (var dataSource = DataSources.create(settings.database(), "demo-migrate")) {
            out.println("  " + new Migrations(dataSource).migrate().describe());
        }

        URI apiUrl = settings.receiver().apiUrl();
        try (Sandbox sandbox = Sandbox.forDialer(settings).build().start()) {
            step(out, "Sandbox carrier (Twilio + ElevenLabs) listening at " + sandbox.baseUri()
                    + ", time x" + settings.sandbox().timeScale());
            options.scripts().accept(sandbox);

            step(out, "Starting the webhook receiver at " + apiUrl + " (its log: " + options.workDir().resolve("receiver.log") + ")");
            try (ReceiverProcess receiver = ReceiverProcess.start(options.home(), receiverEnvironment(environment),
                    receiverPort, options.workDir().resolve("receiver.log"), Duration.ofSeconds(120));
                 ConfigurableApplicationContext context = console.isPresent()
                         ? DialerContext.startWorker(settings, "dialer.dial.horizon=PT5S")
                         : DialerContext.startMonitored(settings, "dialer.dial.horizon=PT5S")) {
                out.println("  receiver healthy at " + receiver.baseUri() + "/healthz");
                Result result = runCampaign(context, settings, sandbox, out);
                console.ifPresent(keepOpen -> keepOpen.accept(result, context));
                return result;
            }
        }
    }

    private Result runCampaign(ConfigurableApplicationContext context, DialerSettings settings, Sandbox sandbox,
                               PrintStream out) throws Exception {
        Clock clock = context.getBean(Clock.class);
        CampaignRepository campaigns = context.getBean(CampaignRepository.class);
        Campaign campaign = createCampaign(campaigns, "demo-" + clock.instant().getEpochSecond(), "support", settings, clock);
        step(out, "Campaign \"" + campaign.name() + "\" (agent support): calls 08:00-21:00 in each recipient's zone "
                + "(Florida 08:00-20:00), consent required, " + campaign.callsPerSecond() + " calls/s, countries "
                + String.join(",", campaign.allowedCountries()));

        DoNotCallRepository doNotCall = context.getBean(DoNotCallRepository.class);
        for (String phone : options.doNotCall()) {
            doNotCall.add(phone, DoNotCallScope.SYSTEM, "demo", "asked not to be called", null);
        }
        if (!options.doNotCall().isEmpty()) {
            out.println("  " + options.doNotCall().size() + " numbers of the list are on the system do-not-call list");
        }

        ImportOutcome imported = importList(context, campaign, options.contacts(), "contacts.csv", out);
        step(out, "Dialing (progress every second)");
        DialRuns.Outcome dialed = dialWithProgress(context, campaign, clock, out);
        out.println("  " + dialed.message());

        Optional<Campaign> sales = Optional.empty();
        if (options.salesContacts().isPresent()) {
            Campaign salesCampaign = createCampaign(campaigns, campaign.name() + "-sales", "sales", settings, clock);
            sales = Optional.of(salesCampaign);
            step(out, "Campaign \"" + salesCampaign.name() + "\" (agent sales), same rules");
            importList(context, salesCampaign, options.salesContacts().get(), "sales-contacts.csv", out);
            step(out, "Dialing the sales campaign");
            out.println("  " + dialWithProgress(context, salesCampaign, clock, out).message());
        }

        step(out, "Waiting for every call to end and every transcript to arrive");
        DataSource dataSource = context.getBean(DataSource.class);
        List<Long> campaignIds = new ArrayList<>(List.of(campaign.id()));
        sales.ifPresent(c -> campaignIds.add(c.id()));
        awaitSettled(JdbcClient.create(dataSource), sandbox, campaignIds, out);

        AttemptReport report = context.getBean(AttemptReportRepository.class)
                .report(campaign.id(), campaign.name(), campaign.createdAt().minusSeconds(1), clock.instant().plusSeconds(1));
        Path reports = options.workDir().resolve("reports");
        Files.createDirectories(reports);
        Path html = reports.resolve(campaign.name() + ".html");
        Path csv = reports.resolve(campaign.name() + ".csv");
        Files.writeString(html, ReportHtml.render(report, PhoneNumbers::mask), StandardCharsets.UTF_8);
        try (Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            ReportCsv.write(report, writer);
        }
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return new Result(campaign, imported, dialed, sandbox.ledger(), report, html, csv, records(jdbc, campaign.id()),
                matches(jdbc, campaignIds), sales, settings);
    }

    private static Campaign createCampaign(CampaignRepository campaigns, String name, String agent, DialerSettings settings,
                                           Clock clock) {
        String agentName = settings.elevenLabs().agents().require(agent).name();
        Campaign campaign = campaigns.create(Campaign.draft(name, agentName, settings.twilio().phoneNumber(), "US", clock.instant())
                .withDialing(Set.of("US", "GB", "SA", "IN", "JP", "AU"), ZoneOffset.UTC, LocalTime.of(8, 0),
                        LocalTime.of(21, 0), EnumSet.allOf(DayOfWeek.class), Optional.of("US-FL=08:00-20:00"), true, 3,
                        List.of(Duration.ofMinutes(30)), Duration.ofMinutes(30), "Enable", 25, 100));
        campaigns.changeStatus(campaign.id(), CampaignStatus.DRAFT, CampaignStatus.ACTIVE);
        return campaigns.findById(campaign.id()).orElseThrow();
    }

    private ImportOutcome importList(ConfigurableApplicationContext context, Campaign campaign, Path list, String copyName,
                                     PrintStream out) throws Exception {
        step(out, "Importing " + list);
        Path listCopy = options.workDir().resolve(copyName);
        Files.copy(list, listCopy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ImportOutcome imported = context.getBean(ContactImporter.class).importFile(campaign, listCopy);
        imported.describe().lines().forEach(line -> out.println("  " + line));
        return imported;
    }

    private DialRuns.Outcome dialWithProgress(ConfigurableApplicationContext context, Campaign campaign, Clock clock,
                                              PrintStream out) {
        DialMonitor monitor = context.getBean(DialMonitor.class);
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "demo-progress");
            thread.setDaemon(true);
            return thread;
        });
        progress.scheduleAtFixedRate(() -> monitor.latest(campaign.id())
                .ifPresent(stats -> out.println("  " + stats.describe(clock.instant()))), 1, 1, TimeUnit.SECONDS);
        try {
            return context.getBean(DialRuns.class).launch(campaign.id());
        } finally {
            progress.shutdownNow();
        }
    }

    private static final String CALLS_IN_FLIGHT = """
            SELECT COUNT(*) FROM call_attempts
             WHERE campaign_id IN (:campaigns) AND decision = 'dial' AND status IN ('dialing', 'unknown', 'placed')""";
    /** Payloads not applied yet, including failed ones the receiver will retry. */
    private static final String INBOX_WAITING = """
            SELECT COUNT(*) FROM webhook_inbox
             WHERE status = 'pending' OR (status = 'failed' AND next_attempt_at IS NOT NULL)""";

    private void awaitSettled(JdbcClient jdbc, Sandbox sandbox, List<Long> campaignIds, PrintStream out)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(options.settleTimeout());
        long lastReport = 0;
        while (true) {
            long inFlight = jdbc.sql(CALLS_IN_FLIGHT).param("campaigns", campaignIds).query(Long.class).single();
            long unsettled = sandbox.ledger().stream().filter(entry -> !entry.settled()).count();
            long inbox = jdbc.sql(INBOX_WAITING).query(Long.class).single();
            if (inFlight == 0 && unsettled == 0 && inbox == 0) {
                out.println("  all calls ended and all webhooks were processed");
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                out.println("  gave up waiting after " + options.settleTimeout().toSeconds() + " s: " + inFlight
                        + " calls without an outcome, " + unsettled + " unsettled in the sandbox, " + inbox + " webhooks pending");
                return;
            }
            if (System.currentTimeMillis() - lastReport > 2000) {
                out.println("  " + inFlight + " calls still in progress, " + inbox + " webhooks being processed");
                lastReport = System.currentTimeMillis();
            }
            Thread.sleep(250);
        }
    }

    private static final String RECORDS = """
            SELECT 'sessions' AS name, COUNT(*) AS n FROM voice_sessions WHERE campaign_id = :campaign
            UNION ALL SELECT 'transcribed', COUNT(*) FROM voice_sessions WHERE campaign_id = :campaign AND status = 'transcribed'
            UNION ALL SELECT 'bookings', COUNT(*) FROM bookings WHERE campaign_id = :campaign
            UNION ALL SELECT 'tickets', COUNT(*) FROM tickets WHERE campaign_id = :campaign
            UNION ALL SELECT 'opt-outs', COUNT(*) FROM dnc_numbers WHERE source = 'opt-out'
            UNION ALL SELECT 'retries scheduled', COUNT(*) FROM contacts WHERE campaign_id = :campaign AND status = 'retry'
            UNION ALL SELECT 'unreconciled payloads', COUNT(*) FROM webhook_inbox WHERE status = 'unmatched'""";

    /** How the post-call payloads of these campaigns' sessions were matched, and how many matched nothing. */
    private static final String MATCHES = """
            SELECT COALESCE(match_method, 'not yet') AS method, COUNT(*) AS n FROM voice_sessions
             WHERE campaign_id IN (:campaigns) AND (match_method IS NOT NULL OR agent_call_sid IS NOT NULL)
             GROUP BY match_method
            UNION ALL SELECT 'unmatched payloads', COUNT(*) FROM webhook_inbox WHERE source = 'elevenlabs' AND status = 'unmatched'""";

    private static Map<String, Long> matches(JdbcClient jdbc, List<Long> campaignIds) {
        Map<String, Long> matches = new java.util.TreeMap<>();
        jdbc.sql(MATCHES).param("campaigns", campaignIds)
                .query((rs, row) -> matches.put(rs.getString("method"), rs.getLong("n"))).list();
        return matches;
    }

    private static Map<String, Long> records(JdbcClient jdbc, long campaignId) {
        Map<String, Long> records = new java.util.LinkedHashMap<>();
        jdbc.sql(RECORDS).param("campaign", campaignId).query((rs, row) -> records.put(rs.getString("name"), rs.getLong("n"))).list();
        return records;
    }

    private Map<String, String> environment(int receiverPort, int sandboxPort) {
        Map<String, String> environment = new HashMap<>(options.environment());
        environment.put(Setting.DIALER_DATA_DIR.name(), options.workDir().toString());
        environment.put(Setting.DIALER_DB_URL.name(), options.databaseUrl().orElse("jdbc:h2:file:"
                + options.workDir().toAbsolutePath().resolve("dialer") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE"));
        if (options.databaseUrl().isEmpty()) {
            environment.put(Setting.DIALER_DB_USER.name(), "sa");
            environment.put(Setting.DIALER_DB_PASSWORD.name(), "");
        }
        environment.put(Setting.DIALER_PORT.name(), Integer.toString(receiverPort));
        environment.put(Setting.API_URL.name(), "http://127.0.0.1:" + receiverPort);
        environment.put(Setting.DIALER_SANDBOX_PORT.name(), Integer.toString(sandboxPort));
        environment.put(Setting.DIALER_SANDBOX_TIME_SCALE.name(), Double.toString(options.timeScale()));
        environment.put(Setting.DIALER_SANDBOX_SEED.name(), Long.toString(options.seed()));
        environment.put(Setting.DIALER_SANDBOX_DUPLICATE_RATE.name(), Double.toString(options.duplicateRate()));
        environment.put(Setting.DIALER_SANDBOX_REORDER_RATE.name(), Double.toString(options.reorderRate()));
        environment.putIfAbsent(Setting.DIALER_SANDBOX_API_LATENCY_MS.name(), "100");
        environment.putIfAbsent(Setting.DIALER_SANDBOX_CPS.name(), "50");
        // No management ports unless asked for (a test scrapes them): the defaults may be taken by a worker or receiver.
        environment.putIfAbsent(Setting.DIALER_METRICS_PORT.name(), "0");
        environment.putIfAbsent(Setting.DIALER_RECEIVER_METRICS_PORT.name(), "0");
        environment.putIfAbsent(Setting.DIALER_ACCOUNT_CPS.name(), "25");
        environment.putIfAbsent(Setting.DIALER_NUMBER_CPS.name(), "25");
        environment.putIfAbsent(Setting.DIALER_AGENTS.name(), DEMO_AGENTS);
        return environment;
    }

    /** The receiver gets the same settings; only those the dialer reads are passed on. */
    private static Map<String, String> receiverEnvironment(Map<String, String> environment) {
        Map<String, String> passed = new HashMap<>();
        for (Setting setting : Setting.values()) {
            String value = environment.get(setting.name());
            if (value != null) {
                passed.put(setting.name(), value);
            }
        }
        return passed;
    }

    /** Reads the phone numbers of the given customer ids from a contact list (for the demo's do-not-call entries). */
    public static List<String> phonesOf(Path csv, Set<String> customerIds) throws IOException {
        List<String> phones = new ArrayList<>();
        try (CSVReader reader = new CSVReader(Files.newBufferedReader(csv, StandardCharsets.UTF_8))) {
            String[] header = reader.readNext();
            int id = List.of(header).indexOf("customer_id");
            int phone = List.of(header).indexOf("phone");
            for (String[] row : reader) {
                if (row.length > Math.max(id, phone) && customerIds.contains(row[id])) {
                    phones.add(row[phone]);
                }
            }
        } catch (com.opencsv.exceptions.CsvValidationException e) {
            throw new IOException("Cannot read " + csv + ": " + e.getMessage(), e);
        }
        return phones;
    }

    private static void step(PrintStream out, String text) {
        out.println("==> " + text);
    }
}
