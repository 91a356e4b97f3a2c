package sa.navaia.dialer.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sandbox's own endpoints: {@code GET /sandbox/health}, {@code GET /sandbox/ledger} and
 * {@code POST /sandbox/script} with {@code {"to":"+1...","outcome":"BUSY","conversation":"BOOKING"}} (optionally
 * {@code "answered_by":"machine_end_beep"} and {@code "agent_leg":"failed"}).
 */
final class ControlApi implements HttpHandler {

    private final Sandbox sandbox;
    private final ObjectMapper json;
    private final Responder responder;

    ControlApi(Sandbox sandbox, ObjectMapper json, Responder responder) {
        this.sandbox = sandbox;
        this.json = json;
        this.responder = responder;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        switch (route) {
            case "GET /sandbox/health" -> responder.json(exchange, 200, Map.of("status", "ok"));
            case "GET /sandbox/ledger" -> responder.json(exchange, 200, ledgerJson(sandbox.ledger()));
            case "POST /sandbox/script" -> script(exchange);
            default -> responder.json(exchange, 404, Map.of("error", "No sandbox endpoint " + route
                    + "; try GET /sandbox/health, GET /sandbox/ledger or POST /sandbox/script."));
        }
    }

    private void script(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            responder.json(exchange, 400, Map.of("error", "The body must be JSON like "
                    + "{\"to\":\"+15555550123\",\"outcome\":\"BUSY\",\"conversation\":\"BOOKING\"}."));
            return;
        }
        String to = body.path("to").asText(null);
        Outcome outcome = parse(Outcome.class, body.path("outcome").asText(null));
        String conversationText = body.path("conversation").asText(null);
        Conversation conversation = conversationText == null ? null : parse(Conversation.class, conversationText);
        if (to == null || outcome == null || conversationText != null && conversation == null) {
            responder.json(exchange, 400, Map.of("error", "\"to\" (E.164) and \"outcome\" (one of "
                    + Arrays.toString(Outcome.values()) + ") are required; \"conversation\" is optional, one of "
                    + Arrays.toString(Conversation.values()) + "."));
            return;
        }
        CallScript script = CallScript.of(outcome).conversation(conversation);
        try {
            String answeredBy = body.path("answered_by").asText(null);
            String agentLeg = body.path("agent_leg").asText(null);
            String keys = body.path("keys").asText(null);
            script = answeredBy == null ? script : script.answeredBy(answeredBy);
            script = agentLeg == null ? script : script.agentLeg(agentLeg);
            script = keys == null ? script : "prompted".equals(keys) ? script.pressesThePromptedKey() : script.presses(keys);
        } catch (IllegalArgumentException e) {
            responder.json(exchange, 400, Map.of("error", e.getMessage()));
            return;
        }
        sandbox.script(to, script);
        responder.json(exchange, 204, Map.of());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static List<Map<String, Object>> ledgerJson(List<LedgerEntry> ledger) {
        return ledger.stream().map(ControlApi::entryJson).toList();
    }

    private static Map<String, Object> entryJson(LedgerEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("received_at", String.valueOf(entry.receivedAt()));
        json.put("call_sid", entry.callSid());
        json.put("to", entry.to());
        json.put("from", entry.from());
        json.put("attempt", entry.attempt());
        json.put("scripted", entry.scripted());
        json.put("planned_outcome", entry.plannedOutcome().name());
        json.put("planned_conversation", entry.plannedConversation().name());
        json.put("queue_time_ms", entry.queueTimeMillis());
        json.put("started_at", entry.startedAt() == null ? null : entry.startedAt().toString());
        json.put("ended_at", entry.endedAt() == null ? null : entry.endedAt().toString());
        json.put("status", entry.status());
        json.put("answered_by", entry.answeredBy());
        json.put("duration_secs", entry.durationSeconds());
        json.put("reached_agent", entry.reachedAgent());
        json.put("dial_target", entry.dialTarget());
        json.put("agent_id", entry.agentId());
        json.put("agent_call_sid", entry.agentCallSid());
        json.put("agent_context", entry.agentContext());
        json.put("session_id", entry.sessionId());
        json.put("conversation_id", entry.conversationId());
        json.put("scripted_intent", entry.scriptedIntent());
        json.put("callbacks_emitted", entry.callbacksEmitted());
        json.put("duplicated_callbacks", entry.duplicatedCallbacks());
        json.put("reordered_callbacks", entry.reorderedCallbacks());
        json.put("failed_deliveries", entry.failedDeliveries());
        json.put("failed_agent_webhooks", entry.failedAgentWebhooks());
        json.put("settled", entry.settled());
        json.put("dropped_callbacks", entry.droppedCallbacks());
        json.put("webhook_retries", entry.webhookRetries());
        json.put("machine_detection_ms", entry.machineDetectionMillis());
        json.put("error_code", entry.errorCode());
        json.put("fallback_used", entry.fallbackUsed());
        json.put("agent_leg_status", entry.agentLegStatus());
        json.put("warnings", entry.warnings());
        json.put("heard", entry.heard());
        json.put("keys_pressed", entry.keysPressed());
        return json;
    }
}
