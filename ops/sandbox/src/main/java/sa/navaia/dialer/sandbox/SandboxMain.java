package sa.navaia.dialer.sandbox;

import java.net.URI;
import java.util.concurrent.CountDownLatch;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;

/**
 * Runs the sandbox until the process is stopped: port {@code DIALER_SANDBOX_PORT}, post-call webhooks
 * to {@code API_URL/voice/post_call}, the agent's number and webhook secret from the dialer's settings.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DialerSettings settings = SettingsLoader.fromEnvironment();
        Sandbox sandbox = Sandbox.builder(settings.sandbox())
                .agentNumber(settings.elevenLabs().phoneNumber())
                .webhookSecret(settings.elevenLabs().webhookSecret())
                .postCallUrl(postCallUrl(settings.receiver().apiUrl()))
                .build()
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        stopped.await();
    }

    static URI postCallUrl(URI apiUrl) {
        String base = apiUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/voice/post_call");
    }
}
