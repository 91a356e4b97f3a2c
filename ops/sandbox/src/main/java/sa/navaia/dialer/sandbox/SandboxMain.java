package sa.navaia.dialer.sandbox;

import java.util.concurrent.CountDownLatch;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;

/**
 * Runs the sandbox until the process is stopped: port {@code DIALER_SANDBOX_PORT}, set up as ElevenLabs would be for
 * the dialer's settings ({@link Sandbox#forDialer}): its agents, post-call and personalisation webhooks, secrets.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DialerSettings settings = SettingsLoader.fromEnvironment();
        Sandbox sandbox = Sandbox.forDialer(settings).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        stopped.await();
    }
}
