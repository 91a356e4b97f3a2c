package sa.navaia.dialer.webhook.postcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.webhook.Harnesses;
import sa.navaia.dialer.webhook.ReceiverHarness;

public class PostCallWebhookIT {

    private static final Harnesses harnesses = new Harnesses();

    @AfterAll
    static void stopServers() {
        harnesses.close();
    }

    public static String transcription(String conversationId, String sessionId, String phone, String intent, String summary) {
        return """
                {"type":"post_call_transcription","event_timestamp":%d,
                 "data":{"agent_id":"agent_1","conversation_id":"%s","status":"done",
                  "transcript":[{"role":"agent","message":"Hello, how can I help?","time_in_call_secs":0},
                                {"role":"user","message":"%s","time_in_call_secs":3}],
                  "metadata":{"start_time_unix_secs":%d,"call_duration_secs":61,"cost":512,
                              "termination_reason":"client disconnected",
                              "phone_call":{"direction":"outbound","agent_number":"+19385550100",
                                            "external_number":"%s","call_sid":"CA%s"}},
                  "analysis":{"call_successful":"success","transcript_summary":"%s",
                              "data_collection_results":{%s},"evaluation_criteria_results":{}},
                  "conversation_initiation_client_data":{"dynamic_variables":{%s}}}}"""
                .formatted(Instant.now().getEpochSecond(), conversationId, summary, Instant.now().getEpochSecond(),
                        phone, Integer.toHexString(conversationId.hashCode()), summary,
                        intent == null ? "" : "\"intent\":{\"data_collection_id\":\"intent\",\"value\":\"" + intent + "\"},"
                                + "\"booking_date\":{\"value\":\"2026-12-01\"},\"service\":{\"value\":\"cleaning\"}",
                        sessionId == null ? "" : "\"session_id\":\"" + sessionId + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aBookingIsCreatedOnceHoweverOftenThePayloadIsDelivered(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String session = receiver.newSession("+19383362201");
        String conversation = "conv_book_" + session;
        String body = transcription(conversation, session, "+19383362201", "booking", "Customer booked a cleaning.");

        for (int i = 0; i < 3; i++) {
            assertThat(receiver.postCall(body).statusCode()).isEqualTo(200);
        }

        assertThat(receiver.count("SELECT COUNT(*) FROM bookings WHERE conversation_id = ?", conversation)).isEqualTo(1);
        assertThat(receiver.text("SELECT service FROM bookings WHERE conversation_id = ?", conversation)).isEqualTo("cleaning");
        var stored = receiver.sessions.find(session).orElseThrow();
        assertThat(stored.status().code()).isEqualTo("transcribed");
        assertThat(stored.conversationId()).contains(conversation);
        assertThat(stored.extractedIntent()).contains("booking");
        assertThat(receiver.text("SELECT summary FROM voice_sessions WHERE id = ?", session)).isEqualTo("Customer booked a cleaning.");
        assertThat(receiver.text("SELECT conversation_id FROM calls WHERE session_id = ?", session)).isEqualTo(conversation);
        assertThat(receiver.text("SELECT status FROM webhook_inbox WHERE dedupe_key = ?",
                "elevenlabs:post_call_transcription:" + conversation)).isEqualTo("processed");
        // The seed's report query finds the intent through the conversation id.
        assertThat(receiver.text("""
                SELECT vs.extracted_intent FROM calls c LEFT JOIN voice_sessions vs ON c.conversation_id = vs.conversation_id
                 WHERE c.session_id = ?""", session)).isEqualTo("booking");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anOptOutPutsTheNumberOnTheSystemDoNotCallList(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String phone = "+1938336" + String.valueOf(System.nanoTime() % 10000 + 10000).substring(1);
        String session = receiver.newSession(phone);
        // No session id variable: matched by the customer's number and the time.
        String body = transcription("conv_optout_" + session, null, phone, null, "Please stop calling me and remove me from your list.");

        assertThat(receiver.postCall(body).statusCode()).isEqualTo(200);

        assertThat(receiver.count("SELECT COUNT(*) FROM dnc_numbers WHERE phone_e164 = ? AND scope = 'system'", phone)).isEqualTo(1);
        assertThat(receiver.sessions.find(session).orElseThrow().extractedIntent()).contains("opt_out");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aPayloadForNoKnownSessionIsKeptAsUnmatched(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String conversation = "conv_orphan_" + System.nanoTime();

        assertThat(receiver.postCall(transcription(conversation, "vs_nobody", "+19383369999", "support", "A problem.")).statusCode())
                .isEqualTo(200);

        assertThat(receiver.text("SELECT status FROM webhook_inbox WHERE conversation_id = ?", conversation)).isEqualTo("unmatched");
        assertThat(receiver.count("SELECT COUNT(*) FROM tickets WHERE conversation_id = ?", conversation)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void oldTamperedAndUnsignedPayloadsAreRefusedAndChangeNothing(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String session = receiver.newSession("+19383362202");
        String body = transcription("conv_refused_" + session, session, "+19383362202", "support", "Broken heater.");
        int inboxBefore = receiver.count("SELECT COUNT(*) FROM webhook_inbox");

        String old = receiver.elevenLabsSignature(body, Instant.now().minus(Duration.ofMinutes(31)));
        assertThat(receiver.postCall(body, old).statusCode()).isEqualTo(403);
        String signed = receiver.elevenLabsSignature(body, Instant.now());
        assertThat(receiver.postCall(body.replace("Broken heater.", "Broken boiler."), signed).statusCode()).isEqualTo(403);
        assertThat(receiver.postCall(body, null).statusCode()).isEqualTo(401);
        assertThat(receiver.postCall(body, "t=abc,v0=zz").statusCode()).isEqualTo(403);

        assertThat(receiver.count("SELECT COUNT(*) FROM webhook_inbox")).isEqualTo(inboxBefore);
        assertThat(receiver.sessions.find(session).orElseThrow().status().code()).isEqualTo("created");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aMalformedBodyGets400AndNothingIsApplied(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        int inboxBefore = receiver.count("SELECT COUNT(*) FROM webhook_inbox");

        var notJson = receiver.postCall("{\"type\":\"post_call_transcription\",\"data\":{");
        var noConversation = receiver.postCall("{\"type\":\"post_call_transcription\",\"data\":{\"transcript\":[]}}");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(noConversation.statusCode()).isEqualTo(400);
        assertThat(noConversation.body()).contains("conversation_id");
        assertThat(receiver.count("SELECT COUNT(*) FROM webhook_inbox")).isEqualTo(inboxBefore);
    }

    @Test
    void aSupportCallOpensOneTicketAndAnInitiationFailureFailsTheSession() {
        ReceiverHarness receiver = harnesses.on(TestDatabase.H2);
        String support = receiver.newSession("+19383362203");
        String body = transcription("conv_ticket_" + support, support, "+19383362203", "support", "Heater broken.");
        receiver.postCall(body);
        receiver.postCall(body);
        assertThat(receiver.count("SELECT COUNT(*) FROM tickets WHERE session_id = ?", support)).isEqualTo(1);

        String failed = receiver.newSession("+19383362204");
        String failure = """
                {"type":"call_initiation_failure","event_timestamp":1,
                 "data":{"agent_id":"agent_1","conversation_id":"conv_fail_%s","failure_reason":"busy",
                  "metadata":{"type":"twilio","body":{"CallSid":"CAfail"}},
                  "conversation_initiation_client_data":{"dynamic_variables":{"session_id":"%s"}}}}""".formatted(failed, failed);
        assertThat(receiver.postCall(failure).statusCode()).isEqualTo(200);
        assertThat(receiver.sessions.find(failed).orElseThrow().status().code()).isEqualTo("failed");
        assertThat(receiver.text("SELECT outcome FROM call_attempts WHERE session_id = ?", failed)).isEqualTo("failed");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        ReceiverHarness receiver = harnesses.on(TestDatabase.H2);
        String body = "{\"type\":\"post_call_audio\",\"data\":{\"conversation_id\":\"c\",\"full_audio\":\""
                + "A".repeat(ReceiverHarness.MAX_BODY_BYTES + 10) + "\"}}";

        assertThat(receiver.postCall(body).statusCode()).isEqualTo(413);
    }

    @Test
    void withTheDatabaseDownAPayloadIsJournaledAnswered200AndAppliedOnceOnceItIsBack() {
        ReceiverHarness receiver = harnesses.on(TestDatabase.H2);
        String session = receiver.newSession("+19383362205");
        String body = transcription("conv_down_" + session, session, "+19383362205", "booking", "Booked.");

        receiver.dataSource.setDown(true);
        try {
            assertThat(receiver.postCall(body).statusCode()).isEqualTo(200);
        } finally {
            receiver.dataSource.setDown(false);
        }

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(receiver.count("SELECT COUNT(*) FROM bookings WHERE session_id = ?", session)).isEqualTo(1));
        assertThat(receiver.postCall(body).statusCode()).as("a second delivery").isEqualTo(200);
        assertThat(receiver.count("SELECT COUNT(*) FROM bookings WHERE session_id = ?", session)).isEqualTo(1);
    }
}
