package sa.navaia.dialer.webhook.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.twilio.ConnectionOverrides;
import sa.navaia.dialer.webhook.ReceiverHarness;
import sa.navaia.dialer.webhook.postcall.PostCallWebhookIT;

/**
 * Twilio retries only what its connection overrides ask for and ElevenLabs never redelivers, so a receiver whose
 * database is away answers as usual from its journal, loses nothing, and stores everything once the database is back.
 */
class JournalIT {

    private static final String CUSTOMER = "+19383362297";
    private static final List<String> STATUSES = List.of("initiated", "ringing", "in-progress", "completed");

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void whileTheDatabaseIsDownWebhooksAreAnsweredAndNothingIsLostOrDoubledOnceItIsBack(TestDatabase kind) {
        try (ReceiverHarness receiver = ReceiverHarness.start(kind)) {
            List<String> sessions = new ArrayList<>();
            for (int call = 0; call < 5; call++) {
                sessions.add(receiver.newSession(CUSTOMER));
            }
            String conversation = "conv_journal_" + sessions.get(0);
            String postCall = PostCallWebhookIT.transcription(conversation, sessions.get(0), CUSTOMER, "booking", "Booked.");

            receiver.dataSource.setDown(true);
            try {
                for (int delivery = 0; delivery < 2; delivery++) { // every callback delivered twice while down
                    for (String session : sessions) {
                        for (int sequence = 0; sequence < STATUSES.size(); sequence++) {
                            assertThat(receiver.postTwilio("/api/twilio/status/" + session,
                                    callback(sid(session), STATUSES.get(sequence), sequence)).statusCode()).isEqualTo(204);
                        }
                    }
                }
                HttpResponse<String> dialResult = receiver.postTwilio("/api/twilio/dial-result/" + sessions.get(1),
                        Map.of("CallSid", sid(sessions.get(1)), "DialCallStatus", "completed", "DialCallSid", "CAagentj1",
                                "DialCallDuration", "21"));
                assertThat(dialResult.statusCode()).isEqualTo(200);
                assertThat(dialResult.body()).contains("<Hangup/>");
                HttpResponse<String> error = receiver.postTwilio("/api/twilio/error",
                        Map.of("CallSid", "CAerrj" + sessions.get(2).substring(3), "ErrorCode", "11200"));
                assertThat(error.statusCode()).isEqualTo(200);
                assertThat(error.body()).contains("<Say>");
                HttpResponse<String> transcript = receiver.postCall(postCall);
                assertThat(transcript.statusCode()).isEqualTo(200);
                assertThat(transcript.body()).contains("journaled");
                assertThat(receiver.journalSegments()).isPositive();
            } finally {
                receiver.dataSource.setDown(false);
            }
            // The third delivery of one callback arrives after the database is back, while the journal may be replaying.
            assertThat(receiver.postTwilio("/api/twilio/status/" + sessions.get(0),
                    callback(sid(sessions.get(0)), "completed", 3)).statusCode()).isEqualTo(204);

            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(receiver.journalSegments()).isZero();
                assertThat(receiver.count("SELECT COUNT(*) FROM webhook_inbox WHERE status = 'pending'")).isZero();
            });
            for (String session : sessions) {
                assertThat(receiver.count("SELECT COUNT(*) FROM webhook_inbox WHERE session_id = ? AND event_type = 'status'",
                        session)).as("each callback stored once").isEqualTo(STATUSES.size());
                assertThat(receiver.sessions.find(session).orElseThrow().status().code()).isIn("completed", "transcribed");
                assertThat(receiver.text("SELECT outcome FROM call_attempts WHERE session_id = ?", session)).isEqualTo("completed");
            }
            assertThat(receiver.text("SELECT dial_call_status FROM voice_sessions WHERE id = ?", sessions.get(1))).isEqualTo("completed");
            assertThat(receiver.count("SELECT COUNT(*) FROM webhook_inbox WHERE event_type = 'error' AND call_sid = ?",
                    "CAerrj" + sessions.get(2).substring(3))).isEqualTo(1);
            assertThat(receiver.count("SELECT COUNT(*) FROM bookings WHERE conversation_id = ?", conversation)).isEqualTo(1);
            assertThat(receiver.webhookCount("twilio:status", "journaled")).isEqualTo(2.0 * sessions.size() * STATUSES.size());
            assertThat(receiver.webhookCount("twilio:status", "replayed")
                    + receiver.webhookCount("twilio:status", "stored")).isEqualTo(sessions.size() * STATUSES.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void whatWasJournaledBeforeARestartIsReplayedAfterIt(TestDatabase kind) {
        try (ReceiverHarness receiver = ReceiverHarness.start(kind)) {
            String session = receiver.newSession(CUSTOMER);
            receiver.dataSource.setDown(true);
            for (int sequence = 0; sequence < STATUSES.size(); sequence++) {
                assertThat(receiver.postTwilio("/api/twilio/status/" + session, callback(sid(session), STATUSES.get(sequence),
                        sequence)).statusCode()).isEqualTo(204);
            }

            receiver.restart(); // the database is still down while the receiver starts again
            assertThat(receiver.journalSegments()).isPositive();
            receiver.dataSource.setDown(false);

            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(receiver.journalSegments()).isZero();
                assertThat(receiver.sessions.find(session).orElseThrow().status().code()).isEqualTo("completed");
            });
            assertThat(receiver.count("SELECT COUNT(*) FROM webhook_inbox WHERE session_id = ?", session)).isEqualTo(STATUSES.size());
            assertThat(receiver.text("SELECT outcome FROM call_attempts WHERE session_id = ?", session)).isEqualTo("completed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void connectHandsTheCallToTheDefaultAgentWhileTheDatabaseIsDownAndTheSessionCatchesUpLater(TestDatabase kind) {
        try (ReceiverHarness receiver = ReceiverHarness.start(kind)) {
            String session = receiver.newSession(CUSTOMER);
            String sid = sid(session);
            receiver.dataSource.setDown(true);
            HttpResponse<String> connect;
            try {
                connect = receiver.postTwilio("/api/twilio/connect/" + session,
                        Map.of("CallSid", sid, "CallStatus", "in-progress", "From", "+19383360000", "To", CUSTOMER));
            } finally {
                receiver.dataSource.setDown(false);
            }

            assertThat(connect.statusCode()).isEqualTo(200);
            assertThat(connect.body()).isEqualTo(dialOfTheDefaultAgent(receiver, session));
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(receiver.sessions.find(session).orElseThrow().status().code()).isEqualTo("in-progress"));
            assertThat(receiver.sessions.find(session).orElseThrow().callSid()).contains(sid);
            assertThat(receiver.text("SELECT status FROM webhook_inbox WHERE dedupe_key = ?", "twilio:connect:" + session + ":" + sid))
                    .isEqualTo("processed");
        }
    }

    @Test
    void aBurstWhileTheDatabaseIsDownIsJournaledInGroupsAndStoredOnceItIsBack() {
        try (ReceiverHarness receiver = ReceiverHarness.start(TestDatabase.H2)) {
            String session = receiver.newSession(CUSTOMER);
            int burst = 1_000;
            receiver.dataSource.setDown(true);
            long started = System.nanoTime();
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < burst; i++) {
                    answers.add(receiver.postTwilioAsync("/api/twilio/status/" + session, callback("CAburstj" + i, "ringing", 1)));
                }
                assertThat(answers).extracting(answer -> answer.join().statusCode()).containsOnly(204);
            } finally {
                receiver.dataSource.setDown(false);
            }
            long answeredMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    receiver.count("SELECT COUNT(*) FROM webhook_inbox WHERE call_sid LIKE 'CAburstj%'")).isEqualTo(burst));
            System.out.printf("%d status callbacks answered from the journal in %d ms (database down), all stored %d ms"
                    + " after the database came back%n", burst, answeredMillis,
                    Duration.ofNanos(System.nanoTime() - started).toMillis() - answeredMillis);
        }
    }

    @Test
    void connectDoesNotWaitForADatabaseThatHangs() {
        try (ReceiverHarness receiver = ReceiverHarness.start(TestDatabase.H2)) {
            String session = receiver.newSession(CUSTOMER);
            receiver.dataSource.setSlow(Duration.ofSeconds(6));
            long started = System.nanoTime();
            HttpResponse<String> connect;
            try {
                connect = receiver.postTwilio("/api/twilio/connect/" + session,
                        Map.of("CallSid", sid(session), "CallStatus", "in-progress", "To", CUSTOMER));
            } finally {
                receiver.dataSource.setSlow(Duration.ZERO);
            }
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            System.out.printf("connect answered in %d ms while the database hung%n", millis);
            assertThat(connect.statusCode()).isEqualTo(200);
            assertThat(connect.body()).isEqualTo(dialOfTheDefaultAgent(receiver, session));
            assertThat(millis).isLessThan(InboxService.DEADLINE.toMillis() + 1_500);
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(receiver.sessions.find(session).orElseThrow().status().code()).isEqualTo("in-progress"));
        }
    }

    private static String dialOfTheDefaultAgent(ReceiverHarness receiver, String session) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Dial action=\"" + ReceiverHarness.API_URL
                + "/api/twilio/dial-result/" + session + ConnectionOverrides.FRAGMENT.replace("&", "&amp;")
                + "\" callerId=\"" + CUSTOMER + "\" timeout=\"8\"><Number>" + receiver.settings.elevenLabs().agents().first().phoneNumber()
                .orElseThrow() + "</Number></Dial></Response>";
    }

    private static String sid(String session) {
        return "CAj" + session.substring(3);
    }

    private static Map<String, String> callback(String sid, String status, int sequence) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "AC00000000000000000000000000000000");
        params.put("CallSid", sid);
        params.put("CallStatus", status);
        params.put("SequenceNumber", String.valueOf(sequence));
        params.put("From", "+19383360000");
        params.put("To", CUSTOMER);
        if ("completed".equals(status)) {
            params.put("CallDuration", "30");
        }
        return params;
    }
}
