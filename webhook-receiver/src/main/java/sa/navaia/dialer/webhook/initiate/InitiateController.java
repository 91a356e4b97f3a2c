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
    private static final int MAX_CONSENT_FIELD_LENGTH = 200;

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
        java.util.Optional<CallInitiator.GivenConsent> consent = consent(root.path("consent"), errors);
        if (!errors.isEmpty()) {
            return fieldErrors(errors);
        }
        try {
            CallInitiator.Placed placed = initiator.initiate(new CallInitiator.Request(customerId, phone, agentType, consent));
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

    /** The optional {@code consent} object; every field of it is then required. */
    private static java.util.Optional<CallInitiator.GivenConsent> consent(JsonNode node, List<Map<String, String>> errors) {
        if (node.isMissingNode() || node.isNull()) {
            return java.util.Optional.empty();
        }
        if (!node.isObject()) {
            errors.add(error("consent", "must be an object with basis, source, captured_at, text_version and method"));
            return java.util.Optional.empty();
        }
        int before = errors.size();
        String basis = required(node, "basis", "express_written, express or ebr", errors, "consent.", MAX_CONSENT_FIELD_LENGTH);
        String source = required(node, "source", "where it was given, like web form acme.com/signup", errors, "consent.", MAX_CONSENT_FIELD_LENGTH);
        String capturedAt = required(node, "captured_at", "an ISO-8601 instant like 2026-11-20T14:03:00Z", errors, "consent.", MAX_CONSENT_FIELD_LENGTH);
        String textVersion = required(node, "text_version", "the disclosure's text or version, like tcpa-2026-03", errors, "consent.", MAX_CONSENT_FIELD_LENGTH);
        String method = required(node, "method", "how it was captured, like web_form", errors, "consent.", MAX_CONSENT_FIELD_LENGTH);
        java.time.Instant at = null;
        if (capturedAt != null) {
            try {
                at = java.time.Instant.parse(capturedAt.strip());
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(error("consent.captured_at", "must be an ISO-8601 instant like 2026-11-20T14:03:00Z; got \"" + capturedAt + "\""));
            }
        }
        if (basis != null) {
            try {
                sa.navaia.dialer.consent.Consent.Basis.of(basis);
            } catch (IllegalArgumentException e) {
                errors.add(error("consent.basis", "must be express_written, express or ebr; got \"" + basis + "\""));
            }
        }
        return errors.size() > before ? java.util.Optional.empty()
                : java.util.Optional.of(new CallInitiator.GivenConsent(basis, source, at, textVersion, method));
    }

    private static String required(JsonNode root, String field, String expected, List<Map<String, String>> errors) {
        return required(root, field, expected, errors, "", MAX_FIELD_LENGTH);
    }

    private static String required(JsonNode root, String field, String expected, List<Map<String, String>> errors,
                                   String prefix, int maxLength) {
        JsonNode value = root.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            errors.add(error(prefix + field, "is required, as " + expected));
            return null;
        }
        if (value.asText().length() > maxLength) {
            errors.add(error(prefix + field, "must be at most " + maxLength + " characters"));
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
