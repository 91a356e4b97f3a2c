package sa.navaia.dialer.webhook.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.webhook.ReceiverHarness;

/**
 * The per-source limit never refuses verified provider traffic (Twilio does not redeliver after a {@code 429}), still
 * refuses unsigned traffic beyond it, and believes {@code X-Forwarded-For} only from a trusted proxy.
 */
class SourceRateLimitIT {

    private static final int LIMIT = 5;
    private static ReceiverHarness direct;
    private static ReceiverHarness behindProxy;

    @BeforeAll
    static void start() {
        direct = ReceiverHarness.start(TestDatabase.H2, Map.of("DIALER_WEBHOOK_RATE_PER_SOURCE", String.valueOf(LIMIT)));
        behindProxy = ReceiverHarness.start(TestDatabase.H2, Map.of("DIALER_WEBHOOK_RATE_PER_SOURCE", String.valueOf(LIMIT),
                "DIALER_TRUSTED_PROXIES", "127.0.0.1,::1"));
    }

    @AfterAll
    static void stop() {
        direct.close();
        behindProxy.close();
    }

    @Test
    void fiveHundredSignedTwilioCallbacksFromOneAddressFarOverItsLimitAreAllAccepted() {
        String session = direct.newSession("+19383362296");
        long started = System.nanoTime();

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            answers.add(direct.postTwilioAsync("/api/twilio/status/" + session, callback("CAflood" + i, i)));
        }

        assertThat(answers).extracting(answer -> answer.join().statusCode()).containsOnly(204);
        long sentMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(500L).as("more than the per-source limit would let through in the time it took")
                .isGreaterThan(LIMIT * (sentMillis / 1000 + 1));
        System.out.printf("500 signed status callbacks from one address (limit %d/s) sent in %d ms, all answered 204 in %d ms%n",
                LIMIT, sentMillis, Duration.ofNanos(System.nanoTime() - started).toMillis());
        assertThat(direct.count("SELECT COUNT(*) FROM webhook_inbox WHERE call_sid LIKE 'CAflood%'")).isEqualTo(500);
    }

    @Test
    void unsignedRequestsBeyondTheLimitGet429() {
        // The tests share one receiver and this address's bucket: start once it has refilled.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> direct.get("/api/twilio/health").statusCode() == 200);
        org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(1200)).until(() -> true);
        List<Integer> unsigned = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < 4 * LIMIT; i++) {
            unsigned.add(direct.postForm("/api/twilio/status/vs_x", ReceiverHarness.form(callback("CAunsigned" + i, i)), null)
                    .statusCode());
            open.add(direct.get("/api/twilio/health").statusCode());
        }

        assertThat(unsigned).contains(429).containsOnly(401, 429);
        assertThat(open).contains(429).containsOnly(200, 429);
        assertThat(direct.count("SELECT COUNT(*) FROM webhook_inbox WHERE call_sid LIKE 'CAunsigned%'")).isZero();
    }

    @Test
    void xForwardedForIsTheSourceOnlyWhenItComesFromATrustedProxy() {
        List<Integer> first = healthFrom(behindProxy, "203.0.113.10", 3 * LIMIT);
        List<Integer> second = healthFrom(behindProxy, "203.0.113.11", 2);
        assertThat(first).as("one client behind the proxy, over its limit").contains(429);
        assertThat(second).as("another client behind the same proxy").containsOnly(200);

        List<Integer> spoofed = new ArrayList<>();
        for (int i = 0; i < 3 * LIMIT; i++) {
            spoofed.addAll(healthFrom(direct, "198.51.100." + i, 1)); // a new "client" each time, from one untrusted peer
        }
        assertThat(spoofed).as("X-Forwarded-For from an untrusted peer is ignored").contains(429);
    }

    private static List<Integer> healthFrom(ReceiverHarness receiver, String forwardedFor, int requests) {
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            codes.add(receiver.send(HttpRequest.newBuilder(receiver.uri("/api/twilio/health"))
                    .header("X-Forwarded-For", forwardedFor).GET().build()).statusCode());
        }
        return codes;
    }

    private static Map<String, String> callback(String sid, int sequence) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "AC00000000000000000000000000000000");
        params.put("CallSid", sid);
        params.put("CallStatus", "ringing");
        params.put("SequenceNumber", String.valueOf(sequence));
        params.put("From", "+19383360000");
        params.put("To", "+19383362296");
        return params;
    }
}
