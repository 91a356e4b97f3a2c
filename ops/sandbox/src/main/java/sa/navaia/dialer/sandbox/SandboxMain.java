package sa.navaia.dialer.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.InvalidSettingsException;
import sa.navaia.dialer.config.SettingsLoader;

/**
 * Runs the sandbox until the process is stopped: port {@code DIALER_SANDBOX_PORT}, set up as ElevenLabs would be for
 * the dialer's settings ({@link Sandbox#forDialer}): its agents, post-call and personalisation webhooks, secrets.
 * Fault knobs only the sandbox has are read from the environment here, validated at start:
 * {@value #CALLBACK_DROP_RATE} (share of status callbacks never sent, 0 to 1; default 0) and
 * {@value #AGENT_LEG_FAILURE_RATE} (share of agent legs that do not connect, 0 to 1; default
 * {@value Sandbox.Builder#DEFAULT_AGENT_LEG_FAILURE_RATE}).
 */
public final class SandboxMain {

    static final String CALLBACK_DROP_RATE = "DIALER_SANDBOX_CALLBACK_DROP_RATE";
    static final String AGENT_LEG_FAILURE_RATE = "DIALER_SANDBOX_AGENT_LEG_FAILURE_RATE";
    static final String PROMPTED_KEY_RATE = "DIALER_SANDBOX_PROMPTED_KEY_RATE";

    /** The knobs only the sandbox has: its faults, and how often a person presses the key a prompt names. */
    record Faults(double callbackDropRate, double agentLegFailureRate, double promptedKeyRate) {
    }

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DialerSettings settings;
        Faults faults;
        try {
            settings = SettingsLoader.fromEnvironment();
            faults = faults(System.getenv());
        } catch (InvalidSettingsException e) {
            e.problems().forEach(System.err::println);
            System.exit(2);
            return;
        }
        Sandbox sandbox = Sandbox.forDialer(settings).callbackDropRate(faults.callbackDropRate())
                .agentLegFailureRate(faults.agentLegFailureRate()).promptedKeyRate(faults.promptedKeyRate()).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        stopped.await();
    }

    /** The fault knobs from {@code environment}: numbers from 0 to 1, their defaults when unset or blank. */
    static Faults faults(Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        double dropRate = rate(environment, CALLBACK_DROP_RATE, 0, "one status callback in ten", problems);
        double legFailures = rate(environment, AGENT_LEG_FAILURE_RATE, Sandbox.Builder.DEFAULT_AGENT_LEG_FAILURE_RATE,
                "one agent leg in ten", problems);
        double promptedKeys = rate(environment, PROMPTED_KEY_RATE, Sandbox.Builder.DEFAULT_PROMPTED_KEY_RATE,
                "one person in ten pressing the key a <Gather> names", problems);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new Faults(dropRate, legFailures, promptedKeys);
    }

    private static double rate(Map<String, String> environment, String name, double unset, String example,
                               List<String> problems) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return unset;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + " must be a number from 0 to 1, like 0.1 for " + example + "; got \"" + value + "\".");
        return unset;
    }
}
