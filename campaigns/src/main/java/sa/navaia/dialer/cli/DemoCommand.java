package sa.navaia.dialer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import picocli.CommandLine.Command;
import sa.navaia.dialer.user.Role;
import sa.navaia.dialer.user.UserRepository;
import picocli.CommandLine.Option;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.demo.DemoRun;
import sa.navaia.dialer.report.AttemptReport;

@Command(name = "demo", description = "Run the whole dialer on this machine in sandbox mode: a campaign of a few hundred sample contacts, dialed through the local sandbox carrier, with the compliance report at the end.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--contacts", description = "Contact list to import (default: ops/demo/contacts.csv).")
    Path contacts;

    @Option(names = "--time-scale", defaultValue = "120", description = "How many times faster than real time calls play out (default: ${DEFAULT-VALUE}).")
    double timeScale;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the sandbox's call outcomes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--console", description = "At the end, keep the console open (DIALER_CONSOLE_PORT, default 8080) with a login printed, until Ctrl-C.")
    boolean console;

    @Override
    public Integer call() throws Exception {
        DialerSettings settings = SettingsLoader.fromEnvironment();
        // The demo prints its own progress; the worker's per-call log lines would drown it.
        System.setProperty("logging.level.sa.navaia.dialer", "WARN");
        Path home = Path.of(System.getenv().getOrDefault("DIALER_HOME", ".")).toAbsolutePath().normalize();
        Path list = contacts != null ? contacts : home.resolve("ops/demo/contacts.csv");
        if (!Files.isRegularFile(list)) {
            throw new IllegalArgumentException("The contact list " + list + " does not exist.");
        }
        Path workDir = settings.dataDir().toAbsolutePath().normalize().resolve("demo");
        deleteRecursively(workDir);

        Path sales = home.resolve("ops/demo/sales-contacts.csv");
        DemoRun.Result result = new DemoRun(new DemoRun.Options(home, workDir, list,
                contacts == null && Files.isRegularFile(sales) ? Optional.of(sales) : Optional.empty(), System.getenv(), Optional.empty(),
                timeScale, seed, 0.05, 0.05, DemoRun.phonesOf(list, Set.of("C0007", "C0014", "C0021")),
                sandbox -> { }, Duration.ofSeconds(90), System.out)).run(console
                ? Optional.of((done, context) -> {
                    printSummary(done);
                    keepConsoleOpen(context);
                }) : Optional.empty());
        if (!console) {
            printSummary(result);
        }
        return 0;
    }

    /** Adds the user "demo" (admin) with a password for this run, prints where to sign in, and waits for Ctrl-C. */
    private static void keepConsoleOpen(ConfigurableApplicationContext context) {
        String password = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(8));
        context.getBean(UserRepository.class).create("demo", context.getBean(PasswordEncoder.class).encode(password), Role.ADMIN);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        System.out.println();
        System.out.println("Console: http://127.0.0.1:" + port + "/  sign in as demo, password " + password
                + " (this demo's database only). Ctrl-C ends the demo.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printSummary(DemoRun.Result result) {
        AttemptReport.Summary summary = result.report().summary();
        System.out.println();
        System.out.println("Summary of campaign " + result.campaign().name());
        System.out.printf("  %d contacts decided: %d called, %d not called%n", summary.decisions(), summary.dialed(), summary.skipped());
        System.out.println("  outcomes:            " + summary.outcomes());
        System.out.println("  not called, by rule: " + summary.skipReasons());
        System.out.printf("  answer rate %.1f%%, abandonment rate %.1f%%%n", summary.answerRate() * 100, summary.abandonmentRate() * 100);
        System.out.println("  records:             " + result.records());
        System.out.println("  transcripts matched: " + result.matches() + " (by identity: conversation_id, agent_call_sid,"
                + " call_sid, session_variable; weak: number_time)");
        result.salesCampaign().ifPresent(second -> System.out.println("  second campaign:     " + second.name()
                + " through the agent sales, " + result.ledger().stream().filter(e -> "agent_sales".equals(e.agentId())).count()
                + " calls reached its number"));
        System.out.println("  sandbox ledger:      " + result.ledger().size() + " calls placed, "
                + result.ledger().stream().map(e -> e.to()).distinct().count() + " distinct numbers");
        System.out.println("Compliance report: " + result.htmlReport());
        System.out.println("             CSV: " + result.csvReport());
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
