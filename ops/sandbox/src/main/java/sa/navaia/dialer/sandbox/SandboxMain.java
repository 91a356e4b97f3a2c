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
 * {@value #AGENT_LEG_FAILURE_RATE} (share of agent legs that do not connect, 0 to 1; default 0.02).
 */
public final class SandboxMain {

    static final String CALLBACK_DROP_RATE = "DIALER_SANDBOX_CALLBACK_DROP_RATE";
    /** Share of agent legs that do not connect (default 2 %); 0 for benchmarks whose campaign must not pause itself. */
    static final String AGENT_LEG_FAILURE_RATE = "DIALER_SANDBOX_AGENT_LEG_FAILURE_RATE";

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DialerSettings settings;
        double callbackDropRate;
        double agentLegFailureRate;
        try {
            settings = SettingsLoader.fromEnvironment();
            callbackDropRate = faults(System.getenv());
            agentLegFailureRate = agentLegFailureRate(System.getenv());
        } catch (InvalidSettingsException e) {
            e.problems().forEach(System.err::println);
            System.exit(2);
            return;
        }
        Sandbox sandbox = Sandbox.forDialer(settings).callbackDropRate(callbackDropRate)
                .agentLegFailureRate(agentLegFailureRate).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        stopped.await();
    }

    /** The callback drop rate from {@code environment}: a number from 0 to 1, 0 when unset or blank. */
    static double faults(Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        double dropRate = rate(environment, CALLBACK_DROP_RATE, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return dropRate;
    }

    /** The agent-leg failure rate from {@code environment}: a number from 0 to 1, the sandbox's default when unset. */
    static double agentLegFailureRate(Map<String, String> environment) {
        String value = environment.get(AGENT_LEG_FAILURE_RATE);
        if (value == null || value.isBlank()) {
            return Sandbox.Builder.DEFAULT_AGENT_LEG_FAILURE_RATE;
        }
        List<String> problems = new ArrayList<>();
        double rate = rate(environment, AGENT_LEG_FAILURE_RATE, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return rate;
    }

    private static double rate(Map<String, String> environment, String name, List<String> problems) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + " must be a number from 0 to 1, like 0.1 for one status callback in ten; got \"" + value
                + "\".");
        return 0;
    }
}
