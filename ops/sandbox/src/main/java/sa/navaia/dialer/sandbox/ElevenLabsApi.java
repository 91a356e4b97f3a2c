package sa.navaia.dialer.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of ElevenLabs' API the dialer may use: {@code POST /v1/convai/twilio/register-call}, which registers a
 * conversation and answers TwiML that connects the Twilio call to the agent over a media stream
 * (https://elevenlabs.io/docs/eleven-agents/phone-numbers/twilio-integration/register-call). The agent must use
 * μ-law 8000 Hz for both its TTS output and its input (the guide's "Agent configuration"); the sandbox plays no
 * audio, so it only says so here and in the README.
 */
final class ElevenLabsApi implements HttpHandler {

    static final String REGISTER_CALL = "/v1/convai/twilio/register-call";
    /** The path of the stream URL in the TwiML; the conversation is named by its {@code conversation_id} parameter. */
    static final String STREAM_PATH = "/v1/convai/conversation";
    static final String API_KEY_HEADER = "xi-api-key";
    static final String CONVERSATIONS = "/v1/convai/conversations/";

    private final SandboxConfig config;
    private final Registrations registrations;
    private final Responder responder;
    private final ObjectMapper json;
    private final CallRegistry calls;
    private final AgentPayloads payloads = new AgentPayloads();

    ElevenLabsApi(SandboxConfig config, Registrations registrations, Responder responder, ObjectMapper json,
                  CallRegistry calls) {
        this.config = config;
        this.registrations = registrations;
        this.responder = responder;
        this.json = json;
        this.calls = calls;
    }

    /** The stream URL this sandbox issues: {@code wss://127.0.0.1:<port>/v1/convai/conversation}. */
    static String streamUrl(int port) {
        return "wss://127.0.0.1:" + port + STREAM_PATH;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals(CONVERSATIONS) || path.equals(CONVERSATIONS.substring(0, CONVERSATIONS.length() - 1))) {
            conversations(exchange);
            return;
        }
        if (path.startsWith(CONVERSATIONS) && path.length() > CONVERSATIONS.length()) {
            conversation(exchange, path.substring(CONVERSATIONS.length()));
            return;
        }
        if (!REGISTER_CALL.equals(path)) {
            responder.json(exchange, 404, error("not_found", "Not found: " + path));
            return;
        }
        if (!accepted(exchange, "POST")) {
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            responder.json(exchange, 422, validation(List.of(problem(List.of("body", 0), "JSON decode error",
                    "json_invalid"))));
            return;
        }
        if (body == null || !body.isObject()) {
            responder.json(exchange, 422, validation(List.of(problem(List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from", "model_attributes_type"))));
            return;
        }
        List<Map<String, Object>> problems = new ArrayList<>();
        String agentId = requiredText(body, "agent_id", problems);
        String from = requiredText(body, "from_number", problems);
        String to = requiredText(body, "to_number", problems);
        JsonNode directionNode = body.path("direction");
        String direction = "inbound";
        if (!directionNode.isMissingNode() && !directionNode.isNull()) {
            direction = directionNode.asText();
            if (!directionNode.isTextual() || !(direction.equals("inbound") || direction.equals("outbound"))) {
                problems.add(problem(List.of("body", "direction"), "Input should be 'inbound' or 'outbound'",
                        "enum"));
            }
        }
        JsonNode clientData = body.path("conversation_initiation_client_data");
        if (!clientData.isMissingNode() && !clientData.isNull()) {
            try {
                ClientData.read(clientData, new Agent("any", "any", java.util.Set.of(), Agent.OVERRIDABLE), false);
            } catch (ClientData.Refused e) {
                problems.add(problem(List.of("body", "conversation_initiation_client_data"), e.getMessage(),
                        "value_error"));
            }
        }
        if (!problems.isEmpty()) {
            responder.json(exchange, 422, validation(problems));
            return;
        }
        Optional<Agent> agent = config.agent(agentId);
        if (agent.isEmpty()) {
            // Harsher where the docs are silent: an unknown agent is refused at registration, not when the call connects.
            responder.json(exchange, 404, error("agent_not_found", "Agent with id " + agentId + " was not found."));
            return;
        }
        String conversationId = Ids.conversationId();
        registrations.add(new Registrations.Registration(conversationId, agent.get(), from, to, direction,
                clientData.isMissingNode() ? null : clientData));
        String twiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Connect><Stream url=\""
                + streamUrl(exchange.getLocalAddress().getPort()) + "\"><Parameter name=\"conversation_id\" value=\""
                + conversationId + "\" /></Stream></Connect></Response>";
        text(exchange, twiml);
    }

    /**
     * {@code GET /v1/convai/conversations/{conversation_id}}: the SDK's {@code GetConversationResponseModel}, the same
     * data the post-call transcription carries, with {@code status} {@code initiated} (registered, not connected yet),
     * {@code in-progress} (talking: empty transcript, no analysis yet), {@code processing} (ended, post-call webhooks
     * not sent yet) or {@code done}. An unknown id is {@code 404} in ElevenLabs' error shape (its {@code status} text is
     * not documented; {@code conversation_not_found} assumed).
     */
    private void conversation(HttpExchange exchange, String conversationId) {
        if (!accepted(exchange, "GET")) {
            return;
        }
        SimulatedCall call = calls.all().stream()
                .filter(candidate -> conversationId.equals(candidate.conversationId()))
                .findFirst().orElse(null);
        if (call == null) {
            Registrations.Registration registered = registrations.pending(conversationId);
            if (registered == null) {
                responder.json(exchange, 404, error("conversation_not_found",
                        "Conversation " + conversationId + " was not found."));
                return;
            }
            responder.json(exchange, 200, AgentPayloads.initiated(registered));
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>(payloads.conversation(call, config.clock().instant()));
        responder.json(exchange, 200, data);
    }

    /**
     * {@code GET /v1/convai/conversations}: the SDK's {@code GetConversationsPageResponseModel}, filtered by
     * {@code agent_id}, {@code call_start_after_unix} and {@code call_start_before_unix}, newest first (the order is not
     * documented), {@code page_size} 1 to 100 (default 30), the next page through {@code next_cursor}. Conversations that
     * are registered but not connected are not listed.
     */
    private void conversations(HttpExchange exchange) {
        if (!accepted(exchange, "GET")) {
            return;
        }
        Map<String, String> query = new LinkedHashMap<>();
        Form.parse(exchange.getRequestURI().getRawQuery()).forEach((name, values) -> query.put(name, values.get(0)));
        int pageSize;
        long after;
        long before;
        int offset;
        try {
            pageSize = Integer.parseInt(query.getOrDefault("page_size", "30"));
            after = Long.parseLong(query.getOrDefault("call_start_after_unix", "0"));
            before = Long.parseLong(query.getOrDefault("call_start_before_unix", String.valueOf(Long.MAX_VALUE)));
            offset = Integer.parseInt(query.getOrDefault("cursor", "0"));
        } catch (NumberFormatException e) {
            responder.json(exchange, 422, validation(List.of(problem(List.of("query"), "Input should be a valid integer",
                    "int_parsing"))));
            return;
        }
        if (pageSize < 1 || pageSize > 100) {
            responder.json(exchange, 422, validation(List.of(problem(List.of("query", "page_size"),
                    "Input should be less than or equal to 100", "less_than_equal"))));
            return;
        }
        String agentId = query.get("agent_id");
        Instant now = config.clock().instant();
        List<Map<String, Object>> summaries = new ArrayList<>();
        for (SimulatedCall call : calls.all()) {
            if (call.conversationId() == null) {
                continue;
            }
            Map<String, Object> conversation = payloads.conversation(call, now);
            Object metadata = conversation.get("metadata");
            long start = metadata instanceof Map<?, ?> m && m.get("start_time_unix_secs") instanceof Number n ? n.longValue() : 0;
            if ((agentId != null && !agentId.equals(conversation.get("agent_id"))) || start < after || start > before) {
                continue;
            }
            summaries.add(summary(conversation, start));
        }
        summaries.sort((a, b) -> Long.compare((Long) b.get("start_time_unix_secs"), (Long) a.get("start_time_unix_secs")));
        List<Map<String, Object>> page = summaries.subList(Math.min(offset, summaries.size()),
                Math.min(offset + pageSize, summaries.size()));
        boolean more = offset + pageSize < summaries.size();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("conversations", page);
        answer.put("next_cursor", more ? String.valueOf(offset + pageSize) : null);
        answer.put("has_more", more);
        responder.json(exchange, 200, answer);
    }

    private static Map<String, Object> summary(Map<String, Object> conversation, long start) {
        Map<?, ?> metadata = conversation.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> analysis = conversation.get("analysis") instanceof Map<?, ?> a ? a : Map.of();
        Map<?, ?> phoneCall = metadata.get("phone_call") instanceof Map<?, ?> p ? p : Map.of();
        Object transcript = conversation.get("transcript");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("agent_id", conversation.get("agent_id"));
        summary.put("agent_name", null);
        summary.put("conversation_id", conversation.get("conversation_id"));
        summary.put("start_time_unix_secs", start);
        summary.put("call_duration_secs", metadata.get("call_duration_secs"));
        summary.put("message_count", transcript instanceof List<?> turns ? turns.size() : 0);
        summary.put("status", conversation.get("status"));
        summary.put("call_successful", analysis.get("call_successful") == null ? "unknown" : analysis.get("call_successful"));
        summary.put("transcript_summary", null);
        summary.put("call_summary_title", analysis.get("call_summary_title"));
        summary.put("direction", phoneCall.get("direction"));
        return summary;
    }

    /** Answers 405 for another method and 401 without this sandbox's {@code xi-api-key}; true when neither applies. */
    private boolean accepted(HttpExchange exchange, String method) {
        if (!method.equals(exchange.getRequestMethod())) {
            responder.json(exchange, 405, Map.of("detail", "Method Not Allowed"));
            return false;
        }
        if (!authenticated(exchange)) {
            responder.json(exchange, 401, error("invalid_api_key", "Invalid API key"));
            return false;
        }
        return true;
    }

    private boolean authenticated(HttpExchange exchange) {
        String presented = exchange.getRequestHeaders().getFirst(API_KEY_HEADER);
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                config.elevenLabsApiKey().getBytes(StandardCharsets.UTF_8));
    }

    private static String requiredText(JsonNode body, String field, List<Map<String, Object>> problems) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            problems.add(problem(List.of("body", field), "Field required", "missing"));
            return null;
        }
        if (!value.isTextual()) {
            problems.add(problem(List.of("body", field), "Input should be a valid string", "string_type"));
            return null;
        }
        return value.asText();
    }

    /** ElevenLabs' platform-wide error shape: {@code {"detail":{"status":…,"message":…}}}. */
    static Map<String, Object> error(String status, String message) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("status", status);
        detail.put("message", message);
        return Map.of("detail", detail);
    }

    /** FastAPI's validation error: {@code {"detail":[{"loc":[…],"msg":…,"type":…}]}}. */
    private static Map<String, Object> validation(List<Map<String, Object>> problems) {
        return Map.of("detail", problems);
    }

    private static Map<String, Object> problem(List<Object> loc, String msg, String type) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("loc", loc);
        problem.put("msg", msg);
        problem.put("type", type);
        return problem;
    }

    /**
     * The TwiML as a string. Its Content-Type is not documented (a third-party digest of the API says
     * {@code text/html}); the sandbox answers {@code text/html}, so a client that insists on XML fails here too.
     */
    private static void text(HttpExchange exchange, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            out.write(bytes);
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
    }
}
