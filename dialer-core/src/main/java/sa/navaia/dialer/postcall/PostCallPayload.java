package sa.navaia.dialer.postcall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an ElevenLabs post-call webhook ({@code post_call_transcription}, {@code post_call_audio},
 * {@code call_initiation_failure}) the dialer uses. JSON parts are kept as JSON text for storage.
 */
public record PostCallPayload(
        String type,
        String conversationId,
        Optional<String> agentId,
        Optional<String> status,
        String transcriptJson,
        String transcriptText,
        Optional<Long> startTimeUnixSecs,
        Optional<Integer> callDurationSecs,
        Optional<BigDecimal> cost,
        Optional<String> terminationReason,
        Optional<String> externalNumber,
        Optional<String> callSid,
        Optional<String> callSuccessful,
        Optional<String> summary,
        String dataCollectionJson,
        Map<String, String> dataCollection,
        Map<String, String> dynamicVariables,
        Optional<String> failureReason) {

    public static final String TRANSCRIPTION = "post_call_transcription";
    public static final String AUDIO = "post_call_audio";
    public static final String INITIATION_FAILURE = "call_initiation_failure";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Our session id, when the call was started with it as a dynamic variable. */
    public Optional<String> sessionIdVariable() {
        return Optional.ofNullable(dynamicVariables.get("session_id")).filter(s -> !s.isBlank());
    }

    /** Parses a payload; a body that is not one explains what is missing or wrong. */
    public static PostCallPayload parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedPayloadException("The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPayloadException("The body must be a JSON object with \"type\" and \"data\".");
        }
        String type = text(root, "type").orElseThrow(() -> new MalformedPayloadException("\"type\" is missing."));
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw new MalformedPayloadException("\"data\" must be an object.");
        }
        String conversationId = text(data, "conversation_id")
                .orElseThrow(() -> new MalformedPayloadException("\"data.conversation_id\" is missing."));
        JsonNode transcript = data.path("transcript");
        if (!transcript.isMissingNode() && !transcript.isNull() && !transcript.isArray()) {
            throw new MalformedPayloadException("\"data.transcript\" must be an array of turns.");
        }
        StringBuilder text = new StringBuilder();
        transcript.forEach(turn -> text.append(turn.path("role").asText("")).append(": ")
                .append(turn.path("message").asText("")).append('\n'));
        JsonNode metadata = data.path("metadata");
        JsonNode phoneCall = metadata.path("phone_call");
        JsonNode analysis = data.path("analysis");
        JsonNode collection = analysis.path("data_collection_results");
        Map<String, String> collected = new LinkedHashMap<>();
        collection.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue().isObject() ? field.getValue().path("value") : field.getValue();
            if (!value.isNull() && !value.isMissingNode()) {
                collected.put(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
            }
        });
        Map<String, String> variables = new LinkedHashMap<>();
        data.path("conversation_initiation_client_data").path("dynamic_variables").fields()
                .forEachRemaining(field -> variables.put(field.getKey(), field.getValue().asText()));
        Optional<String> failureReason = text(data, "failure_reason");
        Optional<String> callSid = text(phoneCall, "call_sid")
                .or(() -> text(metadata.path("body"), "CallSid"));
        return new PostCallPayload(type, conversationId, text(data, "agent_id"), text(data, "status"),
                transcript.isArray() ? transcript.toString() : "[]", text.toString(),
                number(metadata, "start_time_unix_secs").map(BigDecimal::longValue),
                number(metadata, "call_duration_secs").map(BigDecimal::intValue),
                number(metadata, "cost"), text(metadata, "termination_reason"),
                text(phoneCall, "external_number").or(() -> text(metadata.path("body"), "To")), callSid,
                text(analysis, "call_successful"), text(analysis, "transcript_summary"),
                collection.isObject() ? collection.toString() : "{}", Map.copyOf(collected), Map.copyOf(variables),
                failureReason);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    private static Optional<BigDecimal> number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return Optional.of(value.decimalValue());
        }
        if (value.isTextual()) {
            try {
                return Optional.of(new BigDecimal(value.asText()));
            } catch (NumberFormatException e) {
                throw new MalformedPayloadException("\"" + field + "\" must be a number; got \"" + value.asText() + "\".");
            }
        }
        return Optional.empty();
    }
}
