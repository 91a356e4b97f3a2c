package sa.navaia.dialer.postcall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PostCallPayloadTest {

    private static final String PAYLOAD = """
            {"type":"post_call_transcription","event_timestamp":1764000000,
             "data":{"agent_id":"a1","conversation_id":"conv_1","status":"done",
              "transcript":[{"role":"user","message":"I want to book a visit","time_in_call_secs":2}],
              "metadata":{"start_time_unix_secs":1764000000,"call_duration_secs":61,"cost":512,
                          "phone_call":{"direction":"outbound","external_number":"+19383362295","call_sid":"CA9"}},
              "analysis":{"call_successful":"success","transcript_summary":"Booked.",
                          "data_collection_results":{"intent":{"data_collection_id":"intent","value":"Booking"}}},
              "conversation_initiation_client_data":{"dynamic_variables":{"session_id":"vs_abc"}}}}""";

    @Test
    void readsTheFieldsTheDialerUses() {
        PostCallPayload payload = PostCallPayload.parse(PAYLOAD);

        assertThat(payload.conversationId()).isEqualTo("conv_1");
        assertThat(payload.sessionIdVariable()).contains("vs_abc");
        assertThat(payload.callSid()).contains("CA9");
        assertThat(payload.externalNumber()).contains("+19383362295");
        assertThat(payload.callDurationSecs()).contains(61);
        assertThat(payload.summary()).contains("Booked.");
        assertThat(payload.dataCollection()).containsEntry("intent", "Booking");
        assertThat(Intents.of(payload)).isEqualTo(Intents.BOOKING);
    }

    /** ElevenLabs' documented payloads (the sandbox's contract fixtures): the dialer reads what it needs from each. */
    @Test
    void readsElevenLabsDocumentedTranscriptionOfAnInboundTwilioCall() throws java.io.IOException {
        PostCallPayload payload = PostCallPayload.parse(fixture("post_call_transcription.json"));

        assertThat(payload.type()).isEqualTo(PostCallPayload.TRANSCRIPTION);
        assertThat(payload.conversationId()).isEqualTo("abc");
        assertThat(payload.callSid()).as("the arriving leg ElevenLabs saw").contains("CA158800000000000000000000000000000");
        assertThat(payload.externalNumber()).contains("+12523960448");
        assertThat(payload.callDurationSecs()).contains(22);
        assertThat(payload.dataCollection()).containsEntry("intent", "booking");
        assertThat(payload.summary()).hasValueSatisfying(summary -> assertThat(summary).startsWith("The conversation begins"));
        assertThat(payload.sessionIdVariable()).as("ElevenLabs sends no variable of ours unless we gave it").isEmpty();
        assertThat(payload.transcriptText()).startsWith("agent: Hey there angelo.");
    }

    @Test
    void readsElevenLabsDocumentedAudioPayload() throws java.io.IOException {
        PostCallPayload payload = PostCallPayload.parse(fixture("post_call_audio.json"));

        assertThat(payload.type()).isEqualTo(PostCallPayload.AUDIO);
        assertThat(payload.conversationId()).isNotBlank();
        assertThat(payload.callSid()).isEmpty();
    }

    private static String fixture(String name) throws java.io.IOException {
        try (var in = PostCallPayloadTest.class.getResourceAsStream("/elevenlabs/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void explainsWhatIsWrongWithABadBody() {
        assertThatThrownBy(() -> PostCallPayload.parse("[1]")).isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> PostCallPayload.parse("{\"type\":\"x\",\"data\":{}}"))
                .hasMessageContaining("data.conversation_id");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Please stop calling me                 | opt_out
            I'd like an appointment on Monday      | booking
            My heater is broken                    | support
            Thanks, goodbye                        | none
            """)
    void findsTheIntentFromKeywordsWhenTheAgentGaveNone(String words, String intent) {
        String body = """
                {"type":"post_call_transcription","data":{"conversation_id":"c",
                 "transcript":[{"role":"user","message":"%s"}]}}""".formatted(words);

        assertThat(Intents.of(PostCallPayload.parse(body))).isEqualTo(intent);
    }

    @ParameterizedTest(name = "agent said {0}, customer said \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            booking | Book me for Monday, and then stop calling me | opt_out
            support | Remove me from your list                     | opt_out
            booking | Monday at ten works                          | booking
            opt_out | Fine                                         | opt_out
            """)
    void anOptOutTheCustomerSaidWinsOverTheIntentTheAgentDeclared(String declared, String words, String intent) {
        String body = """
                {"type":"post_call_transcription","data":{"conversation_id":"c",
                 "transcript":[{"role":"agent","message":"Shall I book it?"},{"role":"user","message":"%s"}],
                 "analysis":{"data_collection_results":{"intent":{"value":"%s"}}}}}""".formatted(words, declared);

        assertThat(Intents.of(PostCallPayload.parse(body))).isEqualTo(intent);
    }

    @org.junit.jupiter.api.Test
    void theAgentOfferingToTakeSomeoneOffTheListIsNotAnOptOut() {
        String body = """
                {"type":"post_call_transcription","data":{"conversation_id":"c",
                 "transcript":[{"role":"agent","message":"If you ever want to opt out, just say so."},
                               {"role":"user","message":"I'd like an appointment"}],
                 "analysis":{"data_collection_results":{"intent":{"value":"booking"}}}}}""";

        assertThat(Intents.of(PostCallPayload.parse(body))).isEqualTo("booking");
    }
}
