package sa.navaia.dialer.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ElevenLabs' {@code conversation_initiation_client_data} as an agent receives it, from the personalisation webhook's
 * answer or a register-call request: the dynamic variables it was given and the overrides it applies. Only the four
 * documented overrides are read ({@code agent.first_message}, {@code agent.language}, {@code agent.prompt.prompt},
 * {@code tts.voice_id}); see https://elevenlabs.io/docs/agents-platform/customization/personalization.
 */
record ClientData(
        Map<String, Object> dynamicVariables,
        String firstMessage,
        String language,
        String prompt,
        String voiceId,
        Map<String, Object> customLlmExtraBody,
        String userId,
        Map<String, Object> sourceInfo) {

    static final ClientData NONE = new ClientData(Map.of(), null, null, null, null, null, null, null);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
    private static final Set<String> CLIENT_DATA_FIELDS = Set.of("type", "conversation_config_override",
            "custom_llm_extra_body", "user_id", "source_info", "dynamic_variables", "branch_id", "environment",
            "starting_workflow_node_id");

    /** A reason the agent refuses the data; the conversation does not start. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    ClientData {
        dynamicVariables = Collections.unmodifiableMap(new LinkedHashMap<>(dynamicVariables));
    }

    /**
     * Reads client data for {@code agent}. {@code requireType}: the personalisation answer must say
     * {@code "type":"conversation_initiation_client_data"}. Refused: not an object, a wrong type, a dynamic variable
     * that is not a string, number or boolean, a custom variable with the reserved {@code system__} prefix, a variable
     * the agent defines that is missing, an override of a field the agent does not allow.
     */
    static ClientData read(JsonNode node, Agent agent, boolean requireType) throws Refused {
        if (node == null || node.isNull() || node.isMissingNode()) {
            if (requireType) {
                throw new Refused("the answer is not a JSON object");
            }
            return check(NONE, agent);
        }
        if (!node.isObject()) {
            throw new Refused("conversation_initiation_client_data must be a JSON object, got " + node.getNodeType());
        }
        if (requireType && !"conversation_initiation_client_data".equals(node.path("type").asText(null))) {
            throw new Refused("the answer's type must be \"conversation_initiation_client_data\", got "
                    + node.path("type"));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        JsonNode dynamic = node.path("dynamic_variables");
        if (!dynamic.isMissingNode() && !dynamic.isNull()) {
            if (!dynamic.isObject()) {
                throw new Refused("dynamic_variables must be an object");
            }
            for (Map.Entry<String, JsonNode> field : iterable(dynamic)) {
                JsonNode value = field.getValue();
                if (field.getKey().startsWith("system__")) {
                    throw new Refused("dynamic variable " + field.getKey() + " uses the reserved system__ prefix");
                }
                if (!(value.isTextual() || value.isNumber() || value.isBoolean() || value.isNull())) {
                    throw new Refused("dynamic variable " + field.getKey() + " must be a string, number or boolean, got "
                            + value.getNodeType());
                }
                variables.put(field.getKey(), JSON.convertValue(value, Object.class));
            }
        }
        JsonNode override = node.path("conversation_config_override");
        Set<String> overridden = new LinkedHashSet<>();
        if (!override.isMissingNode() && !override.isNull()) {
            if (!override.isObject()) {
                throw new Refused("conversation_config_override must be an object");
            }
            leaves(override, "", overridden);
        }
        for (String field : overridden) {
            if (!agent.overrides().contains(field)) {
                throw new Refused("override " + field + " is not enabled for agent " + agent.id());
            }
        }
        ClientData data = new ClientData(variables,
                text(override.path("agent").path("first_message")),
                text(override.path("agent").path("language")),
                text(override.path("agent").path("prompt").path("prompt")),
                text(override.path("tts").path("voice_id")),
                node.path("custom_llm_extra_body").isObject()
                        ? JSON.convertValue(node.path("custom_llm_extra_body"), MAP) : null,
                text(node.path("user_id")),
                node.path("source_info").isObject() ? JSON.convertValue(node.path("source_info"), MAP) : null);
        return check(data, agent);
    }

    /** Every variable the agent defines must be given. */
    private static ClientData check(ClientData data, Agent agent) throws Refused {
        List<String> missing = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(agent.dynamicVariables())) {
            if (!data.dynamicVariables().containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new Refused("missing dynamic variables defined for agent " + agent.id() + ": " + missing);
        }
        return data;
    }

    static boolean isClientDataField(String name) {
        return CLIENT_DATA_FIELDS.contains(name);
    }

    private static void leaves(JsonNode node, String prefix, Set<String> into) throws Refused {
        for (Map.Entry<String, JsonNode> field : iterable(node)) {
            String path = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                leaves(value, path + ".", into);
            } else if (!value.isNull()) {
                if (Agent.OVERRIDABLE.contains(path) && !value.isTextual()) {
                    throw new Refused("override " + path + " must be a string, got " + value.getNodeType());
                }
                into.add(path);
            }
        }
    }

    /**
     * The text with every {@code {{name}}} replaced by its value. A placeholder without a value refuses the
     * conversation, as ElevenLabs fails a conversation whose first message or prompt needs a variable it lacks.
     */
    static String substitute(String template, Map<String, Object> variables) throws Refused {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!variables.containsKey(name)) {
                throw new Refused("missing required dynamic variable {{" + name + "}}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(variables.get(name))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The override as the agent applied it, every documented field present (null when not overridden). */
    Map<String, Object> overrideJson() {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("prompt", prompt == null ? null : Map.of("prompt", prompt));
        agent.put("first_message", firstMessage);
        agent.put("language", language);
        Map<String, Object> tts = new LinkedHashMap<>();
        tts.put("voice_id", voiceId);
        Map<String, Object> override = new LinkedHashMap<>();
        override.put("agent", agent);
        override.put("tts", tts);
        return override;
    }

    /** Only what was overridden, for the ledger. */
    Map<String, Object> appliedOverrides() {
        Map<String, Object> applied = new LinkedHashMap<>();
        if (firstMessage != null) {
            applied.put("agent.first_message", firstMessage);
        }
        if (language != null) {
            applied.put("agent.language", language);
        }
        if (prompt != null) {
            applied.put("agent.prompt.prompt", prompt);
        }
        if (voiceId != null) {
            applied.put("tts.voice_id", voiceId);
        }
        return applied;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };
}
