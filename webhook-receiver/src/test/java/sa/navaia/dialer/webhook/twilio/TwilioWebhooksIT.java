package sa.navaia.dialer.webhook.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.twilio.ConnectionOverrides;
import sa.navaia.dialer.webhook.Harnesses;
import sa.navaia.dialer.webhook.ReceiverHarness;

class TwilioWebhooksIT {

    private static final Harnesses harnesses = new Harnesses();
    private static final String CUSTOMER = "+19383362295";

    @AfterAll
    static void stopServers() {
        harnesses.close();
    }

    @Test
    void theSeedsCurlChecksGetTheSeedsAnswers() {
        ReceiverHarness receiver = harnesses.on(TestDatabase.H2);

        HttpResponse<String> health = receiver.get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");

        HttpResponse<String> twilioHealth = receiver.get("/api/twilio/health");
        assertThat(twilioHealth.statusCode()).isEqualTo(200);
        assertThat(twilioHealth.body()).isEqualTo("{\"status\":\"ok\",\"elevenlabs_number_configured\":true,"
                + "\"elevenlabs_number\":\"" + receiver.settings.elevenLabs().phoneNumber() + "\"}");

        HttpResponse<String> test = receiver.send(HttpRequest.newBuilder(receiver.uri("/api/twilio/test"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(test.statusCode()).isEqualTo(200);
        assertThat(test.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
        assertThat(test.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                + "<Say>Hello, this is a test call from the system.</Say><Hangup/></Response>");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void connectDialsTheAgentWithTheCustomersNumberAndHangsUpOnUnknownSessions(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String session = receiver.newSession(CUSTOMER);

        HttpResponse<String> connect = receiver.postTwilio("/api/twilio/connect/" + session,
                Map.of("CallSid", "CAconnect" + session, "CallStatus", "in-progress", "From", "+19383360000", "To", CUSTOMER));
        assertThat(connect.statusCode()).isEqualTo(200);
        assertThat(connect.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Dial action=\""
                + ReceiverHarness.API_URL + "/api/twilio/dial-result/" + session
                + ConnectionOverrides.FRAGMENT.replace("&", "&amp;") + "\" callerId=\"" + CUSTOMER + "\" timeout=\"8\"><Number>"
                + receiver.settings.elevenLabs().phoneNumber() + "</Number></Dial></Response>");
        assertThat(receiver.sessions.find(session).orElseThrow().status().code()).isEqualTo("in-progress");

        HttpResponse<String> unknown = receiver.postTwilio("/api/twilio/connect/vs_unknown",
                Map.of("CallSid", "CAunknown", "CallStatus", "in-progress"));
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("<Say>").contains("<Hangup/>").doesNotContain("<Dial");
        assertThat(receiver.text("SELECT status FROM webhook_inbox WHERE dedupe_key = ?", "twilio:connect:vs_unknown:CAunknown"))
                .isEqualTo("unmatched");

        HttpResponse<String> dialResult = receiver.postTwilio("/api/twilio/dial-result/" + session,
                Map.of("CallSid", "CAconnect" + session, "DialCallStatus", "completed", "DialCallSid", "CAagent" + session,
                        "DialCallDuration", "37"));
        assertThat(dialResult.statusCode()).isEqualTo(200);
        assertThat(dialResult.body()).contains("<Hangup/>");
        assertThat(receiver.text("SELECT dial_call_status FROM voice_sessions WHERE id = ?", session)).isEqualTo("completed");
        assertThat(receiver.count("SELECT dial_duration_secs FROM voice_sessions WHERE id = ?", session)).isEqualTo(37);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anAnsweringMachineIsNotHandedToTheAgent(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String session = receiver.newSession(CUSTOMER);

        HttpResponse<String> connect = receiver.postTwilio("/api/twilio/connect/" + session, Map.of(
                "CallSid", "CAmachine" + session, "CallStatus", "in-progress", "AnsweredBy", "machine_start", "To", CUSTOMER));

        assertThat(connect.statusCode()).isEqualTo(200);
        assertThat(connect.body()).contains("<Hangup/>").doesNotContain("<Dial");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void statusCallbacksDeliveredTwiceAndOutOfOrderEndInTheRightState(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String session = receiver.newSession(CUSTOMER);
        String sid = "CA" + session.substring(3);
        Map<String, String> initiated = callback(sid, "initiated", 0, null);
        Map<String, String> ringing = callback(sid, "ringing", 1, null);
        Map<String, String> answered = callback(sid, "in-progress", 2, null);
        Map<String, String> completed = callback(sid, "completed", 3, "42");
        double duplicatesBefore = receiver.webhookCount("twilio:status", "duplicate");

        for (Map<String, String> delivery : List.of(ringing, completed, initiated, ringing, answered, completed, initiated)) {
            assertThat(receiver.postTwilio("/api/twilio/status/" + session, delivery).statusCode()).isEqualTo(204);
        }

        awaitApplied(receiver, session);
        var stored = receiver.sessions.find(session).orElseThrow();
        assertThat(stored.status().code()).isEqualTo("completed");
        assertThat(stored.callSid()).contains(sid);
        assertThat(stored.durationSecs()).contains(42);
        assertThat(stored.lastSequenceNumber()).contains(3);
        assertThat(receiver.text("SELECT status FROM calls WHERE session_id = ?", session)).isEqualTo("completed");
        assertThat(receiver.text("SELECT outcome FROM call_attempts WHERE session_id = ?", session)).isEqualTo("completed");
        assertThat(receiver.text("SELECT status FROM call_attempts WHERE session_id = ?", session)).isEqualTo("ended");
        assertThat(receiver.count("SELECT COUNT(*) FROM webhook_inbox WHERE session_id = ? AND event_type = 'status'", session))
                .isEqualTo(4);
        assertThat(receiver.webhookCount("twilio:status", "duplicate") - duplicatesBefore).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCompletedCallAnsweredByAMachineIsAVoicemail(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String session = receiver.newSession(CUSTOMER);
        Map<String, String> completed = new LinkedHashMap<>(callback("CAvm" + session, "completed", 4, "12"));
        completed.put("AnsweredBy", "machine_end_beep");

        assertThat(receiver.postTwilio("/api/twilio/status/" + session, completed).statusCode()).isEqualTo(204);

        awaitApplied(receiver, session);
        assertThat(receiver.text("SELECT outcome FROM call_attempts WHERE session_id = ?", session)).isEqualTo("voicemail");
        assertThat(receiver.text("SELECT answered_by FROM calls WHERE session_id = ?", session)).isEqualTo("machine_end_beep");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void tamperedAndUnsignedCallbacksAreRefusedAndChangeNothing(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String session = receiver.newSession(CUSTOMER);
        String path = "/api/twilio/status/" + session;
        Map<String, String> ringing = callback("CAt" + session, "ringing", 1, null);
        Map<String, String> tampered = new LinkedHashMap<>(ringing);
        tampered.put("CallStatus", "completed");
        int inboxBefore = receiver.count("SELECT COUNT(*) FROM webhook_inbox");

        assertThat(receiver.postForm(path, ReceiverHarness.form(tampered), receiver.twilioSignature(path, ringing)).statusCode())
                .isEqualTo(403);
        assertThat(receiver.postForm(path, ReceiverHarness.form(ringing), null).statusCode()).isEqualTo(401);
        assertThat(receiver.postForm(path, ReceiverHarness.form(ringing), receiver.twilioSignature("/api/twilio/status/vs_other", ringing))
                .statusCode()).isEqualTo(403);

        assertThat(receiver.sessions.find(session).orElseThrow().status().code()).isEqualTo("created");
        assertThat(receiver.count("SELECT COUNT(*) FROM webhook_inbox")).isEqualTo(inboxBefore);
    }

    @Test
    void aSignatureOverTheUrlWithItsConnectionOverridesIsAcceptedAndOneOverAnotherFragmentIsNot() {
        ReceiverHarness receiver = harnesses.on(TestDatabase.H2);
        String session = receiver.newSession(CUSTOMER);
        String path = "/api/twilio/status/" + session;
        Map<String, String> ringing = callback("CAfrag" + session.substring(3), "ringing", 1, null);

        assertThat(receiver.postForm(path, ReceiverHarness.form(ringing),
                receiver.twilioSignature(path + ConnectionOverrides.FRAGMENT, ringing)).statusCode()).isEqualTo(204);
        assertThat(receiver.postForm(path, ReceiverHarness.form(ringing),
                receiver.twilioSignature(path + "#rc=5", ringing)).statusCode()).isEqualTo(403);
        awaitApplied(receiver, session);
        assertThat(receiver.sessions.find(session).orElseThrow().status().code()).isEqualTo("ringing");
    }

    @Test
    void anEmptyFormValueIsSignedAsAnEmptyString() {
        ReceiverHarness receiver = harnesses.on(TestDatabase.H2);
        String session = receiver.newSession(CUSTOMER);
        Map<String, String> params = new LinkedHashMap<>(callback("CAempty" + session, "ringing", 1, null));
        params.put("ForwardedFrom", "");

        assertThat(receiver.postTwilio("/api/twilio/status/" + session, params).statusCode()).isEqualTo(204);
        awaitApplied(receiver, session);
        assertThat(receiver.sessions.find(session).orElseThrow().status().code()).isEqualTo("ringing");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void withTheDatabaseDownWebhooksAreJournaledAnsweredAsUsualAndAppliedOnceItIsBack(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String session = receiver.newSession(CUSTOMER);
        String path = "/api/twilio/status/" + session;
        String sid = "CAdown" + session.substring(3);
        Map<String, String> ringing = callback(sid, "ringing", 1, null);
        Map<String, String> completed = callback(sid, "completed", 3, "9");
        assertThat(receiver.postTwilio(path, ringing).statusCode()).isEqualTo(204);
        awaitApplied(receiver, session);

        receiver.dataSource.setDown(true);
        try {
            assertThat(receiver.postTwilio(path, completed).statusCode()).isEqualTo(204);
            assertThat(receiver.get("/healthz").statusCode()).isEqualTo(503);
            HttpResponse<String> connect = receiver.postTwilio("/api/twilio/connect/" + session,
                    Map.of("CallSid", sid, "To", CUSTOMER));
            assertThat(connect.statusCode()).isEqualTo(200);
            assertThat(connect.body()).contains("<Dial ").contains("callerId=\"" + CUSTOMER + "\"");
        } finally {
            receiver.dataSource.setDown(false);
        }

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(receiver.sessions.find(session).orElseThrow().status().code()).isEqualTo("completed"));
        assertThat(receiver.postTwilio(path, completed).statusCode()).as("Twilio's retry").isEqualTo(204);
        assertThat(receiver.count("SELECT COUNT(*) FROM webhook_inbox WHERE session_id = ? AND event_type = 'status'", session))
                .isEqualTo(2);
        assertThat(receiver.get("/healthz").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void thePollerAppliesStoredPayloadsThatWereNotAppliedYet(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String session = receiver.newSession(CUSTOMER);
        String body = ReceiverHarness.form(callback("CApoll" + session.substring(3, 20), "ringing", 1, null));
        // As a crash between storing and applying would leave it: pending, its retry due.
        receiver.jdbc.sql("""
                INSERT INTO webhook_inbox (source, event_type, dedupe_key, session_id, request_path, body, status, attempts,
                                           received_at, next_attempt_at)
                VALUES ('twilio', 'status', :key, :session, :path, :body, 'pending', 0, :now, :now)""")
                .param("key", "test:poll:" + session).param("session", session).param("path", "/api/twilio/status/" + session)
                .param("body", body).param("now", sa.navaia.dialer.db.SqlTime.utc(java.time.Instant.now().minusSeconds(1)))
                .update();

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(receiver.text("SELECT status FROM webhook_inbox WHERE dedupe_key = ?", "test:poll:" + session))
                        .isEqualTo("processed"));
        assertThat(receiver.sessions.find(session).orElseThrow().status().code()).isEqualTo("ringing");
    }

    @Test
    void theErrorFallbackApologisesAndRecordsTheError() {
        ReceiverHarness receiver = harnesses.on(TestDatabase.H2);
        Map<String, String> params = Map.of("CallSid", "CAerr1", "ErrorCode", "11200", "ErrorUrl", ReceiverHarness.API_URL + "/x");

        HttpResponse<String> answer = receiver.postTwilio("/api/twilio/error", params);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<Say>").contains("<Hangup/>");
        assertThat(receiver.count("SELECT COUNT(*) FROM webhook_inbox WHERE event_type = 'error' AND call_sid = 'CAerr1'"))
                .isEqualTo(1);
    }

    /** Status callbacks are applied just after they are acknowledged: waits until none of the session's is pending. */
    static void awaitApplied(ReceiverHarness receiver, String session) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                receiver.count("SELECT COUNT(*) FROM webhook_inbox WHERE session_id = ? AND status = 'pending'", session))
                .isZero());
    }

    static Map<String, String> callback(String sid, String status, int sequence, String duration) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "AC00000000000000000000000000000000");
        params.put("CallSid", sid);
        params.put("CallStatus", status);
        params.put("SequenceNumber", String.valueOf(sequence));
        params.put("From", "+19383360000");
        params.put("To", CUSTOMER);
        if (duration != null) {
            params.put("CallDuration", duration);
        }
        return params;
    }
}
