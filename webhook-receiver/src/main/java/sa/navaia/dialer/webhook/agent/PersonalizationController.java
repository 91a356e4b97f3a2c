package sa.navaia.dialer.webhook.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ElevenLabs' Twilio personalisation webhook: {@code {caller_id, agent_id, called_number, call_sid}} in, the agent's
 * conversation initiation client data out. The secret header is checked first ({@code PersonalizationSecretFilter}).
 * The customer hears ringing while this runs, so it answers whatever happens: a call it cannot tie to a session
 * still gets variables that let the agent speak.
 */
@Controller
final class PersonalizationController {

    private static final Logger log = LoggerFactory.getLogger(PersonalizationController.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Personalizer personalizer;

    PersonalizationController(Personalizer personalizer) {
        this.personalizer = personalizer;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(uri = sa.navaia.dialer.elevenlabs.Personalization.PATH, consumes = MediaType.ALL,
            produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> personalize(@Nullable @Body byte[] body) {
        JsonNode request;
        try {
            request = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            request = null;
        }
        List<String> errors = new ArrayList<>();
        String callerId = field(request, "caller_id", errors);
        String agentId = field(request, "agent_id", errors);
        String calledNumber = field(request, "called_number", errors);
        String callSid = field(request, "call_sid", errors);
        if (!errors.isEmpty()) {
            log.warn("Personalisation request refused: {}", errors);
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("error", "The body must be ElevenLabs' personalisation request "
                    + "{\"caller_id\",\"agent_id\",\"called_number\",\"call_sid\"}.");
            refusal.put("fields", errors);
            return HttpResponse.<String>badRequest().body(write(refusal));
        }
        return HttpResponse.ok(personalizer.personalize(new Personalizer.Request(callerId, agentId, calledNumber, callSid))
                .toJson());
    }

    private static String field(JsonNode request, String name, List<String> errors) {
        JsonNode value = request == null ? null : request.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            errors.add(name + " is required, a string");
            return null;
        }
        return value.asText().strip();
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
