package sa.navaia.dialer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sa.navaia.dialer.config.SandboxSettings;
import sa.navaia.dialer.elevenlabs.Personalization;
import sa.navaia.dialer.twilio.TwilioClients;

/** The ElevenLabs side of the sandbox against ElevenLabs' documented shapes and behaviour. */
class ElevenLabsStandInIT {

    private static final String AGENT = "+19385550100";
    private static final String AGENT_ID = "agent_sandbox";
    private static final String CALLER_ID = "+19383362295";
    private static final String CUSTOMER = "+19385557001";
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Set<String> SYSTEM_VARIABLES = Set.of("system__agent_id", "system__current_agent_id",
            "system__caller_id", "system__called_number", "system__call_duration_secs", "system__time_utc",
            "system__time", "system__timezone", "system__conversation_id", "system__call_sid");
    private static final Map<String, String> TRANSCRIPTION_MAPS = Map.of(
            "$.data.analysis.evaluation_criteria_results", JsonShape.FIRST_VALUE,
            "$.data.analysis.data_collection_results", JsonShape.FIRST_VALUE,
            "$.data.conversation_initiation_client_data.custom_llm_extra_body", JsonShape.FIRST_VALUE,
            "$.data.conversation_initiation_client_data.dynamic_variables", JsonShape.SCALARS);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Sandbox> sandboxes = new ArrayList<>();
    private WebhookRecorder receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new WebhookRecorder(AGENT);
    }

    @AfterEach
    void stopEverything() {
        sandboxes.forEach(Sandbox::close);
        receiver.close();
    }

    private Sandbox start(Consumer<Sandbox.Builder> configure) {
        Sandbox.Builder builder = Sandbox.builder(new SandboxSettings(0, 21, 1000, 0, 100, 0, 0))
                .postCallUrl(URI.create(receiver.postCallUrl()));
        configure.accept(builder);
        Sandbox sandbox = builder.build().start();
        sandboxes.add(sandbox);
        return sandbox;
    }

    private LedgerEntry play(Sandbox sandbox, String to, Outcome outcome) {
        sandbox.script(to, outcome, Conversation.BOOKING);
        TwilioRestClient client = TwilioClients.create(sandbox.twilioSettings(CALLER_ID));
        Call call = Call.creator(new PhoneNumber(to), new PhoneNumber(CALLER_ID),
                        URI.create(receiver.connectUrl("vs_" + to.substring(1))))
                .setStatusCallback(URI.create(receiver.statusUrl("vs_" + to.substring(1))))
                .create(client);
        await().atMost(PATIENCE).until(() -> sandbox.call(call.getSid()).orElseThrow().settled());
        return sandbox.call(call.getSid()).orElseThrow();
    }

    private List<JsonNode> postCalls(String type) throws IOException {
        List<JsonNode> payloads = new ArrayList<>();
        for (WebhookRecorder.Received received : receiver.under("/voice/post_call")) {
            JsonNode payload = json.readTree(received.body());
            if (type.equals(payload.path("type").asText())) {
                payloads.add(payload);
            }
        }
        return payloads;
    }

    private Map<String, String> dialResult(String to) {
        return receiver.under("/api/twilio/dial-result/vs_" + to.substring(1)).get(0).form();
    }

    @Test
    void theAgentAnswersTheDialsChildLegNotTheParentCall() throws IOException {
        Sandbox sandbox = start(builder -> builder.agentNumber(AGENT));

        LedgerEntry entry = play(sandbox, CUSTOMER, Outcome.COMPLETED);

        assertThat(entry.reachedAgent()).isTrue();
        assertThat(entry.dialTarget()).isEqualTo(AGENT);
        assertThat(entry.agentId()).isEqualTo(AGENT_ID);
        assertThat(entry.agentCallSid()).matches("CA[0-9a-f]{32}").isNotEqualTo(entry.callSid());
        assertThat(dialResult(CUSTOMER)).hasEntrySatisfying("DialCallSid", sid -> assertThat(sid)
                        .as("the <Dial>'s child leg is not the call that arrives on the agent's number").matches("CA[0-9a-f]{32}")
                        .isNotEqualTo(entry.agentCallSid()).isNotEqualTo(entry.callSid()))
                .containsEntry("DialCallStatus", "completed").containsEntry("CallSid", entry.callSid());
        JsonNode data = postCalls("post_call_transcription").get(0).path("data");
        JsonNode phoneCall = data.path("metadata").path("phone_call");
        assertThat(phoneCall.path("call_sid").asText()).isEqualTo(entry.agentCallSid());
        assertThat(phoneCall.path("direction").asText()).isEqualTo("inbound");
        assertThat(phoneCall.path("external_number").asText()).isEqualTo(CUSTOMER);
        assertThat(phoneCall.path("agent_number").asText()).isEqualTo(AGENT);
        assertThat(phoneCall.path("stream_sid").asText()).matches("MZ[0-9a-f]{32}");
        JsonNode variables = data.path("conversation_initiation_client_data").path("dynamic_variables");
        assertThat(fieldNames(variables)).isEqualTo(SYSTEM_VARIABLES);
        assertThat(variables.path("system__call_sid").asText()).isEqualTo(entry.agentCallSid());
        assertThat(variables.path("system__caller_id").asText()).isEqualTo(CUSTOMER);
        assertThat(entry.agentContext()).containsEntry("source", "system_only")
                .containsEntry("dynamicVariables", Map.of()).containsEntry("overrides", Map.of());
        assertThat(receiver.under(Personalization.PATH)).isEmpty();
    }

    @Test
    void aDialToAnyConfiguredAgentReachesThatAgentAndOnlyConfiguredOnesAnswer() throws IOException {
        Sandbox sandbox = start(builder -> builder.agent("agent_sales", "+19385550111").agent("agent_support", AGENT));
        LedgerEntry support = play(sandbox, CUSTOMER, Outcome.COMPLETED);
        receiver.answerConnectWith("<Response><Dial><Number>+19385550111</Number></Dial></Response>");
        LedgerEntry sales = play(sandbox, "+19385557002", Outcome.COMPLETED);

        assertThat(support.agentId()).isEqualTo("agent_support");
        assertThat(sales.agentId()).isEqualTo("agent_sales");
        assertThat(postCalls("post_call_transcription")).extracting(payload -> payload.path("data").path("agent_id")
                .asText()).containsExactlyInAnyOrder("agent_support", "agent_sales");

        Sandbox onlySales = start(builder -> builder.agentNumber(AGENT).agent("agent_sales", "+19385550111"));
        receiver.answerConnectWith(null);
        LedgerEntry toDefaultNumber = play(onlySales, "+19385557003", Outcome.COMPLETED);
        assertThat(toDefaultNumber.reachedAgent()).isFalse();
        assertThat(toDefaultNumber.agentId()).isNull();
        assertThat(toDefaultNumber.dialTarget()).isEqualTo(AGENT);
    }

    @Test
    void thePersonalisationAnswerReachesTheLedgerThePayloadAndTheGreeting() throws IOException {
        Sandbox sandbox = start(builder -> builder.agentNumber(AGENT)
                .agentVariables(AGENT_ID, Set.of("customer_name"))
                .agentOverrides(AGENT_ID, Agent.OVERRIDABLE)
                .personalization(URI.create(receiver.personalizationUrl())));
        receiver.answerPersonalizationWith(200, """
                {"type":"conversation_initiation_client_data",
                 "dynamic_variables":{"customer_name":"Layla","session_id":"vs_42","visits":3},
                 "conversation_config_override":{"agent":{"first_message":"Hi {{customer_name}}, this is the clinic.",
                                                          "language":"ar"},
                                                 "tts":{"voice_id":"voice_1"}}}""");

        LedgerEntry entry = play(sandbox, CUSTOMER, Outcome.COMPLETED);

        List<WebhookRecorder.Received> requests = receiver.under(Personalization.PATH);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).header(Personalization.SECRET_HEADER)).isEqualTo(SandboxSettings.PERSONALIZATION_SECRET);
        assertThat(requests.get(0).header("Content-Type")).startsWith("application/json");
        JsonNode request = json.readTree(requests.get(0).body());
        assertThat(JsonShape.differences(JsonShape.fixture("personalization_request.json"), request, Map.of())).isEmpty();
        assertThat(request.path("caller_id").asText()).isEqualTo(CUSTOMER);
        assertThat(request.path("agent_id").asText()).isEqualTo(AGENT_ID);
        assertThat(request.path("called_number").asText()).isEqualTo(AGENT);
        assertThat(request.path("call_sid").asText()).isEqualTo(entry.agentCallSid());

        assertThat(entry.reachedAgent()).isTrue();
        assertThat(entry.agentContext()).containsEntry("source", "personalization_webhook")
                .containsEntry("dynamicVariables", Map.of("customer_name", "Layla", "session_id", "vs_42", "visits", 3))
                .containsEntry("overrides", Map.of("agent.first_message", "Hi {{customer_name}}, this is the clinic.",
                        "agent.language", "ar", "tts.voice_id", "voice_1"));

        JsonNode data = postCalls("post_call_transcription").get(0).path("data");
        JsonNode clientData = data.path("conversation_initiation_client_data");
        JsonNode variables = clientData.path("dynamic_variables");
        assertThat(fieldNames(variables)).containsAll(SYSTEM_VARIABLES).hasSize(SYSTEM_VARIABLES.size() + 3);
        assertThat(variables.path("customer_name").asText()).isEqualTo("Layla");
        assertThat(variables.path("session_id").asText()).isEqualTo("vs_42");
        assertThat(variables.path("visits").asInt()).isEqualTo(3);
        JsonNode override = clientData.path("conversation_config_override");
        assertThat(override.path("agent").path("first_message").asText()).isEqualTo("Hi {{customer_name}}, this is the clinic.");
        assertThat(override.path("agent").path("language").asText()).isEqualTo("ar");
        assertThat(override.path("agent").path("prompt").isNull()).isTrue();
        assertThat(override.path("tts").path("voice_id").asText()).isEqualTo("voice_1");
        assertThat(data.path("metadata").path("main_language").asText()).isEqualTo("ar");
        assertThat(data.path("transcript").get(0).path("role").asText()).isEqualTo("agent");
        assertThat(data.path("transcript").get(0).path("message").asText()).isEqualTo("Hi Layla, this is the clinic.");
    }

    @Test
    void withoutAFirstMessageOverrideTheDefaultGreetingNamesTheCustomer() throws IOException {
        Sandbox sandbox = start(builder -> builder.agentNumber(AGENT)
                .personalization(URI.create(receiver.personalizationUrl()), "another-secret"));
        receiver.answerPersonalizationWith(200,
                "{\"type\":\"conversation_initiation_client_data\",\"dynamic_variables\":{\"customer_name\":\"Omar\"}}");

        play(sandbox, CUSTOMER, Outcome.COMPLETED);

        assertThat(receiver.under(Personalization.PATH).get(0).header(Personalization.SECRET_HEADER))
                .isEqualTo("another-secret");
        assertThat(postCalls("post_call_transcription").get(0).path("data").path("transcript").get(0)
                .path("message").asText()).startsWith("Hello Omar!");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a 500|500|{}|",
        "an answer that is not JSON|200|<html>ok</html>|",
        "a wrong type|200|{\"type\":\"client_data\",\"dynamic_variables\":{\"customer_name\":\"Layla\"}}|",
        "no type|200|{\"dynamic_variables\":{\"customer_name\":\"Layla\"}}|",
        "a missing agent variable|200|{\"type\":\"conversation_initiation_client_data\",\"dynamic_variables\":{}}|",
        "a reserved variable|200|{\"type\":\"conversation_initiation_client_data\",\"dynamic_variables\":{\"customer_name\":\"L\",\"system__call_sid\":\"x\"}}|",
        "an object variable|200|{\"type\":\"conversation_initiation_client_data\",\"dynamic_variables\":{\"customer_name\":{\"first\":\"L\"}}}|",
        "an override that is not enabled|200|{\"type\":\"conversation_initiation_client_data\",\"dynamic_variables\":{\"customer_name\":\"L\"},\"conversation_config_override\":{\"tts\":{\"voice_id\":\"v\"}}}|",
        "a first message needing an absent variable|200|{\"type\":\"conversation_initiation_client_data\",\"dynamic_variables\":{\"customer_name\":\"L\"},\"conversation_config_override\":{\"agent\":{\"first_message\":\"Hi {{nickname}}\"}}}|",
        "no answer in time|200|{\"type\":\"conversation_initiation_client_data\",\"dynamic_variables\":{\"customer_name\":\"L\"}}|3000",
    })
    void aFailedPersonalisationDropsTheAgentsLegAsFailedAndIsNotRetried(String name, int status, String body,
                                                                       Long delayMillis) throws IOException {
        Sandbox sandbox = start(builder -> builder.agentNumber(AGENT)
                .agentVariables(AGENT_ID, Set.of("customer_name"))
                .agentOverrides(AGENT_ID, Set.of("agent.first_message"))
                .personalization(URI.create(receiver.personalizationUrl())));
        receiver.answerPersonalizationWith(status, body);
        receiver.delayPersonalization(delayMillis == null ? 0 : delayMillis);

        LedgerEntry entry = play(sandbox, CUSTOMER, Outcome.COMPLETED);

        assertThat(receiver.under(Personalization.PATH)).hasSize(1);
        assertThat(entry.reachedAgent()).isFalse();
        assertThat(entry.conversationId()).isNull();
        assertThat(entry.agentId()).isEqualTo(AGENT_ID);
        assertThat(entry.agentContext()).containsEntry("source", "personalization_webhook").containsKey("refused");
        assertThat(entry.failedAgentWebhooks()).isEqualTo(1);
        assertThat(entry.status()).isEqualTo("completed");
        assertThat(dialResult(CUSTOMER)).containsEntry("DialCallStatus", "failed")
                .hasEntrySatisfying("DialCallSid", sid -> assertThat(sid).matches("CA[0-9a-f]{32}").isNotEqualTo(entry.callSid()))
                .containsEntry("DialBridged", "false")
                .doesNotContainKey("DialCallDuration");
        assertThat(receiver.under("/voice/post_call")).isEmpty();
    }

    @Test
    void anAgentThatDefinesVariablesRefusesToStartWithoutAPersonalisationWebhook() {
        Sandbox sandbox = start(builder -> builder.agentNumber(AGENT).agentVariables(AGENT_ID, Set.of("customer_name")));

        LedgerEntry entry = play(sandbox, CUSTOMER, Outcome.COMPLETED);

        assertThat(entry.reachedAgent()).isFalse();
        assertThat(entry.agentContext()).containsEntry("source", "system_only");
        assertThat((String) entry.agentContext().get("refused")).contains("customer_name");
        assertThat(dialResult(CUSTOMER)).containsEntry("DialCallStatus", "failed");
    }

    @Test
    void aFailingPostCallWebhookIsSentOnceAndCounted() {
        Sandbox sandbox = start(builder -> builder.agentNumber(AGENT).sendPostCallAudio(true));
        receiver.answerPostCallsWith(503);

        LedgerEntry entry = play(sandbox, CUSTOMER, Outcome.COMPLETED);

        assertThat(receiver.under("/voice/post_call")).hasSize(2);
        assertThat(entry.failedAgentWebhooks()).isEqualTo(2);
        assertThat(entry.failedDeliveries()).isZero();
    }

    @Test
    void aPostCallWebhookThatNeverSucceededIsAutoDisabledAfterTenConsecutiveFailures() {
        Sandbox sandbox = start(builder -> builder.agentNumber(AGENT));
        receiver.answerPostCallsWith(500);

        IntStream.range(0, 11).forEach(i -> play(sandbox, "+193855571" + String.format("%02d", i), Outcome.COMPLETED));

        assertThat(receiver.under("/voice/post_call")).hasSize(10);
        assertThat(sandbox.ledger()).allSatisfy(entry -> assertThat(entry.failedAgentWebhooks()).isEqualTo(1));
    }

    @Test
    void unansweredCallsSendNoCallInitiationFailure() {
        Sandbox sandbox = start(builder -> builder.agentNumber(AGENT));

        play(sandbox, "+19385557010", Outcome.BUSY);
        play(sandbox, "+19385557011", Outcome.NO_ANSWER);
        play(sandbox, "+19385557012", Outcome.FAILED);

        assertThat(receiver.under("/voice/post_call")).isEmpty();
    }

    @Test
    void registerCallRefusesAWrongKeyAndMissingFieldsAndUnknownAgentsInElevenLabsShape() throws Exception {
        Sandbox sandbox = start(builder -> builder.agentNumber(AGENT));

        HttpResponse<String> noKey = registerCall(sandbox, null, "{}");
        HttpResponse<String> wrongKey = registerCall(sandbox, "wrong", "{}");
        HttpResponse<String> missing = registerCall(sandbox, SandboxSettings.ELEVENLABS_API_KEY,
                "{\"agent_id\":\"agent_sandbox\",\"direction\":\"sideways\"}");
        HttpResponse<String> unknown = registerCall(sandbox, SandboxSettings.ELEVENLABS_API_KEY,
                "{\"agent_id\":\"agent_nobody\",\"from_number\":\"+19383362295\",\"to_number\":\"+19385551234\"}");

        for (HttpResponse<String> refused : List.of(noKey, wrongKey)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(json.readTree(refused.body()).path("detail").path("status").asText()).isEqualTo("invalid_api_key");
        }
        assertThat(missing.statusCode()).isEqualTo(422);
        JsonNode detail = json.readTree(missing.body()).path("detail");
        assertThat(StreamSupport.stream(detail.spliterator(), false)
                .map(problem -> problem.path("loc").get(1).asText() + ":" + problem.path("type").asText()))
                .containsExactlyInAnyOrder("from_number:missing", "to_number:missing", "direction:enum");
        assertThat(detail.get(0).path("msg").isTextual()).isTrue();
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("detail").path("message").asText()).contains("agent_nobody");
    }

    @Test
    void registerCallTwimlConnectsTheCallItselfToTheAgentOnce() throws Exception {
        Sandbox sandbox = start(builder -> builder.agentNumber(AGENT).elevenLabsApiKey("xi-test")
                .agentOverrides(AGENT_ID, Agent.OVERRIDABLE));
        JsonNode request = JsonShape.fixture("register_call_request.json");
        ((ObjectNode) request).put("to_number", CUSTOMER);

        HttpResponse<String> registered = registerCall(sandbox, "xi-test", json.writeValueAsString(request));

        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        String twiml = registered.body();
        assertThat(twiml).contains("<Connect><Stream url=\"wss://127.0.0.1:" + sandbox.baseUri().getPort()
                + "/v1/convai/conversation\"><Parameter name=\"conversation_id\" value=\"conv_");
        String conversationId = twiml.replaceAll("(?s).*value=\"(conv_[0-9a-z]+)\".*", "$1");
        receiver.answerConnectWith(twiml);

        LedgerEntry entry = play(sandbox, CUSTOMER, Outcome.COMPLETED);
        LedgerEntry again = play(sandbox, "+19385557020", Outcome.COMPLETED);

        assertThat(entry.reachedAgent()).isTrue();
        assertThat(entry.dialTarget()).isNull();
        assertThat(entry.agentCallSid()).isEqualTo(entry.callSid());
        assertThat(entry.conversationId()).isEqualTo(conversationId);
        assertThat(entry.agentContext()).containsEntry("source", "register_call")
                .containsEntry("dynamicVariables", Map.of("customer_name", "Layla", "number_var", 1.2,
                        "integer_var", 123, "boolean_var", true));
        JsonNode data = postCalls("post_call_transcription").get(0).path("data");
        assertThat(data.path("conversation_id").asText()).isEqualTo(conversationId);
        assertThat(data.path("metadata").path("phone_call").isNull())
                .as("undocumented for register-call: the harsher answer, no phone_call; the conversation id is the identity")
                .isTrue();
        assertThat(data.path("user_id").asText()).isEqualTo("your_custom_user_id");
        assertThat(data.path("transcript").get(0).path("message").asText())
                .isEqualTo("Hello Layla, this is the clinic calling.");
        assertThat(again.reachedAgent()).as("a registration connects one call").isFalse();
    }

    @Test
    void aStreamTheSandboxDidNotIssueReachesNoAgent() {
        Sandbox sandbox = start(builder -> builder.agentNumber(AGENT));
        receiver.answerConnectWith("<Response><Connect><Stream url=\"wss://api.elevenlabs.io/v1/convai/conversation\">"
                + "<Parameter name=\"conversation_id\" value=\"conv_forged\"/></Stream></Connect></Response>");

        LedgerEntry entry = play(sandbox, CUSTOMER, Outcome.COMPLETED);

        assertThat(entry.reachedAgent()).isFalse();
        assertThat(entry.agentId()).isNull();
        assertThat(receiver.under("/voice/post_call")).isEmpty();
    }

    @Test
    void postCallPayloadsHaveTheDocumentedShape() throws IOException {
        Sandbox sandbox = start(builder -> builder.agentNumber(AGENT).sendPostCallAudio(true)
                .agentOverrides(AGENT_ID, Agent.OVERRIDABLE)
                .personalization(URI.create(receiver.personalizationUrl())));
        receiver.answerPersonalizationWith(200, json.writeValueAsString(JsonShape.fixture("personalization_response.json")));

        LedgerEntry entry = play(sandbox, CUSTOMER, Outcome.COMPLETED);

        assertThat(entry.reachedAgent()).as("the documented personalisation answer is accepted").isTrue();
        JsonNode transcription = postCalls("post_call_transcription").get(0);
        assertThat(JsonShape.differences(JsonShape.fixture("post_call_transcription.json"), transcription,
                TRANSCRIPTION_MAPS)).isEmpty();
        JsonNode audio = postCalls("post_call_audio").get(0);
        assertThat(JsonShape.differences(JsonShape.fixture("post_call_audio.json"), audio, Map.of())).isEmpty();
        byte[] mp3 = java.util.Base64.getDecoder().decode(audio.path("data").path("full_audio").asText());
        assertThat(mp3.length).isEqualTo(entry.durationSeconds() * AgentPayloads.AUDIO_BYTES_PER_SECOND);
        assertThat(new String(mp3, 0, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ID3");
        assertThat(receiver.under("/voice/post_call").get(1).header("Transfer-Encoding")).isEqualTo("chunked");
    }

    @Test
    void theShapeCheckSeesAMissingOrRetypedField() throws IOException {
        JsonNode fixture = JsonShape.fixture("post_call_audio.json");
        JsonNode broken = json.readTree("{\"type\":\"post_call_audio\",\"event_timestamp\":\"1739537319\","
                + "\"data\":{\"agent_id\":\"xyz\",\"full_audio\":\"SUQz\",\"extra\":1}}");

        assertThat(JsonShape.differences(fixture, broken, Map.of())).containsExactlyInAnyOrder(
                "$.event_timestamp: STRING where the fixture has NUMBER",
                "$.data.conversation_id: missing",
                "$.data.extra: not in the fixture");
    }

    private HttpResponse<String> registerCall(Sandbox sandbox, String apiKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(sandbox.baseUri().resolve("/v1/convai/twilio/register-call"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("xi-api-key", apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false)
                .collect(Collectors.toSet());
    }
}
