package sa.navaia.dialer.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sa.navaia.dialer.app.DialerContext;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.dialing.DialMonitor;
import sa.navaia.dialer.dialing.DialRuns;
import sa.navaia.dialer.dialing.DialingContactRepository;
import sa.navaia.dialer.dialing.DryRun;
import sa.navaia.dialer.phone.PhoneNumbers;

@Command(name = "run", description = "Dial a campaign now (today's run in the campaign's zone), or show with --dry-run whom it would dial and why not.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--campaign", required = true, description = "Name or id.")
    String campaign;

    @Option(names = "--dry-run", description = "Print dial or skip and why for each due contact; dial nobody, write nothing.")
    boolean dryRun;

    @Option(names = "--date", description = "Run date (default: today in the campaign's zone); a completed date never runs twice.")
    LocalDate date;

    @Option(names = "--lane", defaultValue = "1", description = "Another lane runs in parallel with lane 1 of the same date (default: ${DEFAULT-VALUE}).")
    String lane;

    @Override
    public Integer call() {
        DialerSettings settings = SettingsLoader.fromEnvironment();
        try (ConfigurableApplicationContext context = DialerContext.start(settings)) {
            Campaign c = CampaignCommand.find(context.getBean(CampaignRepository.class), campaign);
            return dryRun ? dryRun(context, c) : run(context, c);
        }
    }

    /** One line per due contact, printed as it is decided (a million contacts need no more memory than ten). */
    private int dryRun(ConfigurableApplicationContext context, Campaign c) {
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 65_536));
        long[] dialAndSkip = new long[2];
        context.getBean(DryRun.class).forEach(c, plan -> {
            dialAndSkip[plan.decision().dial() ? 0 : 1]++;
            out.printf("contact %d %s %s %s: %s%n", plan.contact().id(), PhoneNumbers.mask(plan.contact().phoneE164()),
                    plan.decision().dial() ? "DIAL" : "SKIP", plan.decision().code(), plan.decision().detail());
        });
        out.println("Dry run of campaign " + c.name() + ": " + dialAndSkip[0] + " would be dialed, " + dialAndSkip[1]
                + " skipped; nobody was dialed and nothing was written.");
        out.flush();
        return 0;
    }

    private int run(ConfigurableApplicationContext context, Campaign c) {
        DialRuns runs = context.getBean(DialRuns.class);
        DialMonitor monitor = context.getBean(DialMonitor.class);
        Clock clock = context.getBean(Clock.class);
        PrintStream err = System.err;
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        progress.scheduleAtFixedRate(() -> monitor.latest(c.id())
                .ifPresent(stats -> err.println("campaign " + c.name() + ": " + stats.describe(clock.instant()))),
                1, 1, TimeUnit.SECONDS);
        DialRuns.Outcome outcome;
        context.getBean(AuditLog.class).record(CliAudit.ACTOR, "campaign.run", AuditLog.target(c),
                "run of " + (date != null ? date : runs.today(c)));
        try {
            outcome = runs.launch(c.id(), date != null ? date : runs.today(c), lane);
        } finally {
            progress.shutdownNow();
        }
        System.out.println(outcome.message());
        monitor.latest(c.id()).ifPresent(stats -> System.out.println("Summary: " + stats.describe(clock.instant())));
        System.out.println("Contacts by status: " + context.getBean(DialingContactRepository.class).countByStatus(c.id()));
        if (outcome.kind() == DialRuns.Outcome.Kind.RAN && "FAILED".equals(outcome.exitCode())) {
            return 1;
        }
        return outcome.kind() == DialRuns.Outcome.Kind.ALREADY_RUNNING ? 3 : 0;
    }
}
