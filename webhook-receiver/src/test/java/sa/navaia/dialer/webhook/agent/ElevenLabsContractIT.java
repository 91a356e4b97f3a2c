package sa.navaia.dialer.webhook.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import sa.navaia.dialer.config.SandboxSettings;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.elevenlabs.Personalization;
import sa.navaia.dialer.webhook.ReceiverHarness;

/**
 * What the receiver sends ElevenLabs and answers it, held to ElevenLabs' documented shapes (the fixtures the sandbox's
 * contract tests pin): every field we write exists at the same place, with the same JSON type, in the documented one.
 */
class ElevenLabsContractIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePersonalisationAnswerHasTheDocumentedShape() throws Exception {
        try (ReceiverHarness receiver = ReceiverHarness.start(TestDatabase.H2)) {
            HttpResponse<String> answer = receiver.send(HttpRequest.newBuilder(receiver.uri(Personalization.PATH))
                    .header("Content-Type", "application/json")
                    .header(Personalization.SECRET_HEADER, SandboxSettings.PERSONALIZATION_SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString(fixture("personalization_request.json").toString())).build());

            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(outside(fixture("personalization_response.json"), body, "$")).isEmpty();
            assertThat(body.path("type").asText()).isEqualTo(Personalization.ANSWER_TYPE);
            assertThat(body.path("dynamic_variables").isObject()).isTrue();
        }
    }

    @Test
    void theRegisterCallRequestHasTheDocumentedShapeAndItsTwimlIsHandedToTwilio() throws Exception {
        AtomicReference<String> apiKey = new AtomicReference<>();
        AtomicReference<JsonNode> request = new AtomicReference<>();
        String twiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Connect><Stream url=\"wss://api.elevenlabs.io/v1/"
                + "convai/conversation\"><Parameter name=\"conversation_id\" value=\"conv_contract_1\" /></Stream></Connect></Response>";
        HttpServer elevenLabs = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        elevenLabs.createContext(RegisterCallClient.PATH, exchange -> {
            apiKey.set(exchange.getRequestHeaders().getFirst("xi-api-key"));
            try (InputStream in = exchange.getRequestBody()) {
                request.set(JSON.readTree(in));
            }
            byte[] answer = twiml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        elevenLabs.start();
        try (ReceiverHarness receiver = ReceiverHarness.start(TestDatabase.H2, Map.of(
                "DIALER_AGENTS", "support:agent_registered:register-call",
                "DIALER_ELEVENLABS_API_URL", "http://127.0.0.1:" + elevenLabs.getAddress().getPort()))) {
            String session = receiver.newSession("+19383362401");

            HttpResponse<String> connect = receiver.postTwilio("/api/twilio/connect/" + session, Map.of(
                    "CallSid", "CAreg" + session.substring(3), "AccountSid", SandboxSettings.ACCOUNT_SID,
                    "From", "+19383362295", "To", "+19383362401", "CallStatus", "in-progress", "Direction", "outbound-api"));

            assertThat(connect.body()).isEqualTo(twiml);
            assertThat(apiKey.get()).isEqualTo(SandboxSettings.ELEVENLABS_API_KEY);
            JsonNode sent = request.get();
            assertThat(outside(fixture("register_call_request.json"), sent, "$")).isEmpty();
            assertThat(sent.path("agent_id").asText()).isEqualTo("agent_registered");
            assertThat(sent.path("from_number").asText()).isEqualTo("+19383362295");
            assertThat(sent.path("to_number").asText()).isEqualTo("+19383362401");
            assertThat(sent.path("direction").asText()).isEqualTo("outbound");
            assertThat(sent.path("conversation_initiation_client_data").path("dynamic_variables").path("session_id").asText())
                    .isEqualTo(session);
            var stored = receiver.sessions.find(session).orElseThrow();
            assertThat(stored.conversationId()).contains("conv_contract_1");
            assertThat(stored.agentCallSid()).as("the stream runs on the call itself").contains("CAreg" + session.substring(3));
        } finally {
            elevenLabs.stop(0);
        }
    }

    /** Fields of {@code actual} the documented {@code fixture} does not have at that place, or has with another type. */
    private static List<String> outside(JsonNode fixture, JsonNode actual, String path) {
        List<String> problems = new ArrayList<>();
        if (fixture.isObject() && actual.isObject()) {
            boolean freeKeys = path.endsWith(".dynamic_variables");
            Iterator<Map.Entry<String, JsonNode>> fields = actual.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (freeKeys) {
                    if (field.getValue().isContainerNode()) {
                        problems.add(path + "." + field.getKey() + ": a variable must be a string, number or boolean");
                    }
                } else if (!fixture.has(field.getKey())) {
                    problems.add(path + "." + field.getKey() + ": not in the documented shape");
                } else {
                    problems.addAll(outside(fixture.get(field.getKey()), field.getValue(), path + "." + field.getKey()));
                }
            }
        } else if (!fixture.isNull() && !actual.isNull() && fixture.getNodeType() != actual.getNodeType()) {
            problems.add(path + ": " + actual.getNodeType() + " where the docs have " + fixture.getNodeType());
        }
        return problems;
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = ElevenLabsContractIT.class.getResourceAsStream("/elevenlabs/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return JSON.readTree(in);
        }
    }
}
