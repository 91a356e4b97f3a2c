package sa.navaia.dialer.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignForm;
import sa.navaia.dialer.campaign.CampaignPolicy;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.campaign.CampaignTransition;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.schedule.ScheduleReachCheck;
import sa.navaia.dialer.window.WindowPreview;

@Command(name = "campaign", description = "Create, list, show, pause, resume or cancel campaigns; place a test call.",
        subcommands = {CampaignCommand.Create.class, CampaignCommand.ListCampaigns.class, CampaignCommand.Show.class,
                CampaignCommand.Pause.class, CampaignCommand.Resume.class, CampaignCommand.Cancel.class,
                CampaignPolicyCommand.class, TestCallCommand.class})
final class CampaignCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs {@code work} against the configured database's campaigns. */
    static <T> T withCampaigns(Function<CampaignRepository, T> work) {
        DialerSettings settings = SettingsLoader.fromEnvironment();
        try (HikariDataSource dataSource = DataSources.create(settings.database(), "cli")) {
            return work.apply(new CampaignRepository(dataSource, Clock.systemUTC()));
        }
    }

    static Campaign find(CampaignRepository campaigns, String nameOrId) {
        return campaigns.find(nameOrId).orElseThrow(() -> new IllegalArgumentException(
                "There is no campaign named or numbered \"" + nameOrId + "\"; 'ops/dialer campaign list' shows them."));
    }

    static String describe(Campaign c) {
        return String.join("\n",
                "Campaign " + c.id() + ": " + c.name() + " (" + c.status().code() + ")",
                "  agent " + c.agentName() + ", caller ID " + c.callerId() + ", default region " + c.defaultRegion()
                        + ", countries " + String.join(",", new TreeSet<>(c.allowedCountries())),
                "  window " + c.windowStart() + "-" + c.windowEnd() + " recipient-local on "
                        + c.allowedDays().stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","))
                        + c.regionWindows().map(r -> "; stricter: " + r).orElse(""),
                "  zone " + c.timeZone() + ", consent " + (c.requiresConsent() ? "required" : "not required")
                        + ", " + c.maxAttempts() + " attempts, backoff "
                        + c.retryBackoff().stream().map(d -> d.toMinutes() + "m").collect(Collectors.joining(","))
                        + ", min gap " + c.minGap().toMinutes() + "m",
                "  " + c.callsPerSecond() + " calls/s, " + c.maxLiveCalls() + " live calls, machine detection "
                        + c.machineDetection() + c.cron().map(cron -> ", schedule \"" + cron + "\"").orElse(", no schedule"));
    }

    @Command(name = "create", description = "Create a campaign (draft); 'campaign resume' starts it.")
    static final class Create implements Callable<Integer> {

        @Option(names = "--name", required = true, description = "Unique name.")
        String name;
        @Option(names = "--agent", required = true, description = "The agent that takes the calls: a name from DIALER_AGENTS (default: support).")
        String agent;
        @Option(names = "--caller-id", description = "E.164 caller ID (default: TWILIO_PHONE_NUMBER).")
        String callerId;
        @Option(names = "--region", defaultValue = "US", description = "Region for national-format numbers (default: ${DEFAULT-VALUE}).")
        String region;
        @Option(names = "--countries", description = "Allowed countries, comma-separated (default: the region).")
        String countries;
        @Option(names = "--zone", defaultValue = "UTC", description = "The campaign's zone, for its cron and run date (default: ${DEFAULT-VALUE}).")
        String zone;
        @Option(names = "--window", defaultValue = "08:00-21:00", description = "Recipient-local calling window (default: ${DEFAULT-VALUE}).")
        String window;
        @Option(names = "--days", defaultValue = "MON-SUN", description = "Calling days, e.g. MON-FRI or MON,WED (default: ${DEFAULT-VALUE}).")
        String days;
        @Option(names = "--region-windows", description = "Stricter windows, e.g. US-FL=08:00-20:00.")
        String regionWindows;
        @Option(names = "--consent-required", defaultValue = "true", arity = "1", description = "true or false (default: ${DEFAULT-VALUE}).")
        boolean consentRequired;
        @Option(names = "--attempts", defaultValue = "3", description = "Maximum attempts per contact (default: ${DEFAULT-VALUE}).")
        int attempts;
        @Option(names = "--backoff", defaultValue = "60,240,1440", description = "Minutes before each retry; the last repeats (default: ${DEFAULT-VALUE}).")
        String backoff;
        @Option(names = "--min-gap", defaultValue = "60", description = "Minimum minutes between two attempts (default: ${DEFAULT-VALUE}).")
        int minGap;
        @Option(names = "--cps", defaultValue = "1", description = "Calls per second for this campaign, in hundredths at most, like 0.25 (default: ${DEFAULT-VALUE}).")
        String cps;
        @Option(names = "--live-calls", defaultValue = "10", description = "Maximum calls live at once (default: ${DEFAULT-VALUE}).")
        int liveCalls;
        @Option(names = "--machine-detection", defaultValue = "Enable", description = "Enable, DetectMessageEnd or None (default: ${DEFAULT-VALUE}).")
        String machineDetection;
        @picocli.CommandLine.ArgGroup(exclusive = false)
        CampaignPolicyCommand.Identification identification = new CampaignPolicyCommand.Identification();

        @Override
        public Integer call() {
            DialerSettings settings = SettingsLoader.fromEnvironment();
            Campaign campaign = build(settings, Clock.systemUTC());
            Optional<Optional<String>> identifying = identification.change(campaign);
            Campaign created = PostCallCommand.withDatabase(dataSource -> {
                Campaign stored = new CampaignRepository(dataSource, Clock.systemUTC()).create(campaign);
                CliAudit.record(dataSource, "campaign.create", AuditLog.target(stored), "draft");
                return stored;
            });
            System.out.println(describe(created));
            if (identifying.isPresent()) {
                String policy = PostCallCommand.withDatabase(dataSource -> {
                    CampaignPolicyRepository policies = new CampaignPolicyRepository(dataSource, Clock.systemUTC());
                    CampaignPolicy saved = policies.save(policies.of(created.id()).withIdentificationMessage(identifying.get()));
                    return CampaignPolicyCommand.describe(created, saved);
                });
                System.out.println(policy);
            }
            System.out.println("Created as a draft; start it with: ops/dialer campaign resume " + created.name());
            return 0;
        }

        Campaign build(DialerSettings settings, Clock clock) {
            CampaignForm form = new CampaignForm(name, agent, callerId, region, countries, zone, window, days,
                    regionWindows, String.valueOf(consentRequired), String.valueOf(attempts), backoff,
                    String.valueOf(minGap), cps, String.valueOf(liveCalls), machineDetection);
            return form.toCampaign(Optional.empty(), settings.elevenLabs().agents(), settings.twilio().phoneNumber(),
                    clock.instant(), CampaignCommand::option);
        }
    }

    /** The command-line option of a {@link CampaignForm} field: callerId is --caller-id. */
    static String option(String field) {
        return "--" + field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    @Command(name = "list", description = "List the campaigns.")
    static final class ListCampaigns implements Callable<Integer> {
        @Override
        public Integer call() {
            List<Campaign> all = withCampaigns(CampaignRepository::findAll);
            if (all.isEmpty()) {
                System.out.println("No campaigns yet; create one with 'ops/dialer campaign create --name ... --agent ...'.");
            }
            for (Campaign c : all) {
                System.out.printf(Locale.ROOT, "%5d  %-10s %-30s %s calls/s, %s%n", c.id(), c.status().code(), c.name(),
                        c.callsPerSecond(), c.cron().map(cron -> "cron \"" + cron + "\" " + c.timeZone()).orElse("no schedule"));
            }
            return 0;
        }
    }

    @Command(name = "show", description = "Show one campaign's settings, and whether its schedule's runs can call its contacts.")
    static final class Show implements Callable<Integer> {
        /** The dial job's default {@code dialer.dial.horizon}: how long a run waits for contacts coming due. */
        private static final Duration DEFAULT_HORIZON = Duration.ofHours(1);

        @Parameters(paramLabel = "CAMPAIGN", description = "Name or id.")
        String campaign;

        @Override
        public Integer call() {
            DialerSettings settings = SettingsLoader.fromEnvironment();
            Clock clock = Clock.systemUTC();
            try (HikariDataSource dataSource = DataSources.create(settings.database(), "cli")) {
                Campaign c = find(new CampaignRepository(dataSource, clock), campaign);
                System.out.println(describe(c));
                c.cron().flatMap(cron -> ScheduleReachCheck.warning(new WindowPreview(dataSource, clock), c, cron,
                        DEFAULT_HORIZON, clock.instant())).ifPresent(System.out::println);
            }
            return 0;
        }
    }

    /** Moves a campaign between statuses, with a sentence when the move is not allowed. */
    abstract static class StatusChange implements Callable<Integer> {
        @Parameters(paramLabel = "CAMPAIGN", description = "Name or id.")
        String campaign;

        abstract CampaignTransition transition();

        @Override
        public Integer call() {
            String result = PostCallCommand.withDatabase(dataSource -> {
                CampaignRepository campaigns = new CampaignRepository(dataSource, Clock.systemUTC());
                Campaign c = find(campaigns, campaign);
                try {
                    transition().apply(campaigns, c);
                } catch (IllegalStateException refused) {
                    throw new IllegalArgumentException(refused.getMessage());
                }
                CliAudit.record(dataSource, "campaign." + transition().code(), AuditLog.target(c),
                        c.status().code() + " -> " + transition().to().code());
                return "Campaign " + c.name() + " is now " + transition().to().code() + ".";
            });
            System.out.println(result);
            return 0;
        }
    }

    @Command(name = "pause", description = "Pause a campaign: a running dial run stops after its current chunk.")
    static final class Pause extends StatusChange {
        CampaignTransition transition() {
            return CampaignTransition.PAUSE;
        }
    }

    @Command(name = "resume", description = "Start a draft or resume a paused campaign.")
    static final class Resume extends StatusChange {
        CampaignTransition transition() {
            return CampaignTransition.START;
        }
    }

    @Command(name = "cancel", description = "Cancel a campaign for good.")
    static final class Cancel extends StatusChange {
        CampaignTransition transition() {
            return CampaignTransition.CANCEL;
        }
    }
}
