package sa.navaia.dialer.webhook.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static sa.navaia.dialer.webhook.twilio.TwilioWebhooksIT.awaitApplied;
import static sa.navaia.dialer.webhook.twilio.TwilioWebhooksIT.callback;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.webhook.Harnesses;
import sa.navaia.dialer.webhook.ReceiverHarness;

/**
 * Status callbacks are stored in groups (one commit for what arrives together) and applied after the answer: every
 * acknowledged callback is in the inbox, deliveries of one callback are stored once, and all end applied.
 */
class StatusCallbackIngestIT {

    private static final Harnesses harnesses = new Harnesses();
    private static final String CUSTOMER = "+19383362296";
    private static final List<String> STATUSES = List.of("initiated", "ringing", "in-progress", "completed");

    @AfterAll
    static void stopServers() {
        harnesses.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void concurrentDeliveriesAreEachStoredOnceAcknowledgedAndApplied(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        List<String> sessions = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        for (int call = 0; call < 20; call++) {
            String session = receiver.newSession(CUSTOMER);
            sessions.add(session);
            for (int sequence = 0; sequence < STATUSES.size(); sequence++) {
                Map<String, String> params = callback("CAburst" + session.substring(3), STATUSES.get(sequence), sequence,
                        sequence == 3 ? "30" : null);
                deliveries.add(new Delivery(session, params));
                deliveries.add(new Delivery(session, params)); // Twilio delivers again
            }
        }
        Collections.shuffle(deliveries, new Random(8));
        double storedBefore = receiver.webhookCount("twilio:status", "stored");
        double duplicatesBefore = receiver.webhookCount("twilio:status", "duplicate");

        List<CompletableFuture<HttpResponse<String>>> answers = deliveries.stream()
                .map(d -> receiver.postTwilioAsync("/api/twilio/status/" + d.session(), d.params())).toList();

        assertThat(answers).extracting(answer -> answer.join().statusCode()).containsOnly(204);
        int acknowledgedCallbacks = sessions.size() * STATUSES.size();
        assertThat(receiver.count("SELECT COUNT(*) FROM webhook_inbox WHERE event_type = 'status' AND call_sid LIKE 'CAburst%'"))
                .isEqualTo(acknowledgedCallbacks);
        assertThat(receiver.webhookCount("twilio:status", "stored") - storedBefore).isEqualTo(acknowledgedCallbacks);
        assertThat(receiver.webhookCount("twilio:status", "duplicate") - duplicatesBefore).isEqualTo(acknowledgedCallbacks);
        for (String session : sessions) {
            awaitApplied(receiver, session);
            assertThat(receiver.sessions.find(session).orElseThrow().status().code()).isEqualTo("completed");
            assertThat(receiver.text("SELECT outcome FROM call_attempts WHERE session_id = ?", session)).isEqualTo("completed");
        }
        assertThat(receiver.count("""
                SELECT COUNT(*) FROM webhook_inbox WHERE call_sid LIKE 'CAburst%' AND status <> 'processed'"""))
                .isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCallbackTheDatabaseRefusesFailsAloneAndTheOthersAreStored(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String refusedPath = "/api/twilio/status/vs_" + "x".repeat(600); // longer than request_path's 500 characters
        List<String> sessions = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> others = new ArrayList<>();
        CompletableFuture<HttpResponse<String>> refused = null;
        for (int call = 0; call < 10; call++) {
            String session = receiver.newSession(CUSTOMER);
            sessions.add(session);
            others.add(receiver.postTwilioAsync("/api/twilio/status/" + session,
                    callback("CArefuse" + session.substring(3), "ringing", 1, null)));
            if (call == 4) {
                refused = receiver.postTwilioAsync(refusedPath, callback("CArefused", "ringing", 1, null));
            }
        }

        assertThat(refused.join().statusCode()).isEqualTo(500);
        assertThat(others).extracting(answer -> answer.join().statusCode()).containsOnly(204);
        assertThat(receiver.count("SELECT COUNT(*) FROM webhook_inbox WHERE call_sid = 'CArefused'")).isZero();
        for (String session : sessions) {
            awaitApplied(receiver, session);
            assertThat(receiver.sessions.find(session).orElseThrow().status().code()).isEqualTo("ringing");
        }
    }

    private record Delivery(String session, Map<String, String> params) {
    }
}
