package sa.navaia.dialer.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import sa.navaia.dialer.elevenlabs.Personalization;

/**
 * What the agent is told about the person it is calling: ElevenLabs' conversation initiation client data. The dynamic
 * variables are the contact's CSV columns (names lower-cased, anything but letters and digits made '_', as ElevenLabs'
 * {@code {{variable}}} names are written), plus {@code customer_name}, {@code customer_id}, {@code session_id} and
 * {@code campaign}; the columns ElevenLabs' batch calling treats as per-call overrides ({@code first_message},
 * {@code language}, {@code system_prompt}, {@code voice_id}) go to {@code conversation_config_override}
 * instead, and only work once the agent allows them to be overridden (its Security tab).
 */
public record AgentContext(Map<String, String> dynamicVariables, Map<String, Object> overrides) {

    public static final String SESSION_ID = "session_id";
    public static final String CUSTOMER_NAME = "customer_name";
    public static final String CUSTOMER_ID = "customer_id";
    public static final String CAMPAIGN = "campaign";

    private static final ObjectMapper JSON = new ObjectMapper();

    public AgentContext {
        dynamicVariables = Map.copyOf(dynamicVariables);
        overrides = Map.copyOf(overrides);
    }

    /** The person behind a session, as the database knows them. Every field but the session id may be null. */
    public record Recipient(String sessionId, String campaignName, String name, String customerId, String variablesJson) {
    }

    public static AgentContext of(Recipient recipient) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(CUSTOMER_NAME, orEmpty(recipient.name()));
        variables.put(CUSTOMER_ID, orEmpty(recipient.customerId()));
        variables.put(SESSION_ID, recipient.sessionId());
        variables.put(CAMPAIGN, orEmpty(recipient.campaignName()));
        Map<String, String> columns = columns(recipient.variablesJson());
        String firstMessage = null;
        String language = null;
        String prompt = null;
        String voiceId = null;
        for (Map.Entry<String, String> column : columns.entrySet()) {
            String name = variableName(column.getKey());
            String value = column.getValue();
            switch (name) {
                case "first_message" -> firstMessage = value;
                case "language" -> language = value;
                case "system_prompt" -> prompt = value;
                case "voice_id" -> voiceId = value;
                default -> {
                    if (!name.isEmpty() && !name.startsWith("system__") && !variables.containsKey(name)) {
                        variables.put(name, value);
                    }
                }
            }
        }
        return new AgentContext(variables, overrides(firstMessage, language, prompt, voiceId));
    }

    /**
     * For a call whose session cannot be found: every variable the dialer always sends, empty, so that an agent whose
     * prompt uses them still starts (ElevenLabs wants every variable the agent defines), and no overrides.
     */
    public static AgentContext unknownRecipient() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(CUSTOMER_NAME, "");
        variables.put(CUSTOMER_ID, "");
        variables.put(SESSION_ID, "");
        variables.put(CAMPAIGN, "");
        return new AgentContext(variables, Map.of());
    }

    /** {@code {"type":"conversation_initiation_client_data","dynamic_variables":…,"conversation_config_override":…}} */
    public Map<String, Object> clientData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", Personalization.ANSWER_TYPE);
        data.put("dynamic_variables", new LinkedHashMap<>(dynamicVariables));
        data.put("conversation_config_override", overrides);
        return data;
    }

    /** The client data as JSON, as it is answered and as it is recorded on the session. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(clientData());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the agent context as JSON", e);
        }
    }

    /** {@code Renewal Date} → {@code renewal_date}. */
    public static String variableName(String column) {
        String lower = column.strip().toLowerCase(Locale.ROOT);
        StringBuilder name = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            name.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        return name.toString();
    }

    private static Map<String, Object> overrides(String firstMessage, String language, String prompt, String voiceId) {
        Map<String, Object> agent = new LinkedHashMap<>();
        blankToNothing(prompt).ifPresent(p -> agent.put("prompt", Map.of("prompt", p)));
        blankToNothing(firstMessage).ifPresent(m -> agent.put("first_message", m));
        blankToNothing(language).ifPresent(l -> agent.put("language", l));
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (!agent.isEmpty()) {
            overrides.put("agent", agent);
        }
        blankToNothing(voiceId).ifPresent(v -> overrides.put("tts", Map.of("voice_id", v)));
        return overrides;
    }

    private static Map<String, String> columns(String variablesJson) {
        Map<String, String> columns = new LinkedHashMap<>();
        if (variablesJson == null || variablesJson.isBlank()) {
            return columns;
        }
        try {
            JsonNode node = JSON.readTree(variablesJson);
            node.fields().forEachRemaining(f -> columns.put(f.getKey(), f.getValue().isNull() ? "" : f.getValue().asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A contact's variables are not a JSON object: " + e.getOriginalMessage(), e);
        }
        return columns;
    }

    private static Optional<String> blankToNothing(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
