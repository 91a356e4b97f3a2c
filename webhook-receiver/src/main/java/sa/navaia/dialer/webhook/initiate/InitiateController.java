package sa.navaia.dialer.webhook.initiate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /api/calls/initiate}: the bearer token is checked first ({@code BearerTokenFilter}). */
@Controller("/api/calls")
@ExecuteOn(TaskExecutors.BLOCKING)
final class InitiateController {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_FIELD_LENGTH = 100;

    private final CallInitiator initiator;

    InitiateController(CallInitiator initiator) {
        this.initiator = initiator;
    }

    @Post(uri = "/initiate", consumes = MediaType.ALL)
    HttpResponse<Map<String, Object>> initiate(@Nullable @Body byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return fieldErrors(List.of(error("body", "must be a JSON object like {\"customer_id\":\"c1\",\"phone\":\"+19385550001\",\"agent_type\":\"support\"}")));
        }
        if (root == null || !root.isObject()) {
            return fieldErrors(List.of(error("body", "must be a JSON object with customer_id, phone and agent_type")));
        }
        List<Map<String, String>> errors = new ArrayList<>();
        String customerId = required(root, "customer_id", "an id like test_customer_123", errors);
        String phone = required(root, "phone", "an E.164 number like +19385550001", errors);
        String agentType = required(root, "agent_type", "the agent to connect, like support", errors);
        if (phone != null && !phone.strip().startsWith("+")) {
            errors.add(error("phone", "must be E.164, starting with + and the country code, like +19385550001; got \"" + phone + "\""));
        }
        if (!errors.isEmpty()) {
            return fieldErrors(errors);
        }
        try {
            CallInitiator.Placed placed = initiator.initiate(new CallInitiator.Request(customerId, phone, agentType));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("session_id", placed.sessionId());
            answer.put("call_sid", placed.callSid());
            return HttpResponse.ok(answer);
        } catch (CallRefusedException e) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("error", e.getMessage());
            answer.put("rule", e.rule());
            if (e.sessionId() != null) {
                answer.put("session_id", e.sessionId());
            }
            return HttpResponse.<Map<String, Object>>status(e.status()).body(answer);
        }
    }

    private static String required(JsonNode root, String field, String expected, List<Map<String, String>> errors) {
        JsonNode value = root.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            errors.add(error(field, "is required, as " + expected));
            return null;
        }
        if (value.asText().length() > MAX_FIELD_LENGTH) {
            errors.add(error(field, "must be at most " + MAX_FIELD_LENGTH + " characters"));
            return null;
        }
        return value.asText();
    }

    private static Map<String, String> error(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    private static HttpResponse<Map<String, Object>> fieldErrors(List<Map<String, String>> errors) {
        return HttpResponse.<Map<String, Object>>status(HttpStatus.BAD_REQUEST).body(Map.of("errors", errors));
    }
}
