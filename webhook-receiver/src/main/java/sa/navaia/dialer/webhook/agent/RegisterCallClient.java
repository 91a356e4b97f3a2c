package sa.navaia.dialer.webhook.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sa.navaia.dialer.agent.Agent;
import sa.navaia.dialer.agent.AgentContext;
import sa.navaia.dialer.config.DialerSettings;

/**
 * ElevenLabs' {@code POST /v1/convai/twilio/register-call}: registers the answered call with the agent and answers the
 * TwiML ({@code <Connect><Stream>}) that streams it there. The customer is waiting in silence, so the request is
 * short-lived: {@link #TIMEOUT} in all.
 */
@Singleton
class RegisterCallClient {

    static final String PATH = "/v1/convai/twilio/register-call";
    static final Duration TIMEOUT = Duration.ofSeconds(4);
    private static final Pattern CONVERSATION_ID =
            Pattern.compile("<Parameter\\s+name=\"conversation_id\"\\s+value=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The TwiML to hand Twilio, and the conversation it registered when the TwiML names it. */
    record Registered(String twiml, Optional<String> conversationId) {
    }

    /** ElevenLabs refused the call or could not be reached; {@code message} says which. */
    static final class RegisterCallException extends Exception {
        RegisterCallException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final URI endpoint;
    private final String apiKey;
    private final HttpClient http;

    RegisterCallClient(DialerSettings settings) {
        this.endpoint = URI.create(settings.elevenLabs().apiUrl() + PATH);
        this.apiKey = settings.elevenLabs().apiKey();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    Registered register(Agent agent, String fromNumber, String toNumber, AgentContext context) throws RegisterCallException {
        Map<String, Object> clientData = new LinkedHashMap<>();
        clientData.put("dynamic_variables", context.dynamicVariables());
        clientData.put("conversation_config_override", context.overrides());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_id", agent.agentId());
        body.put("from_number", fromNumber);
        body.put("to_number", toNumber);
        body.put("direction", "outbound");
        body.put("conversation_initiation_client_data", clientData);
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                    .header("xi-api-key", apiKey == null ? "" : apiKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the register-call request", e);
        } catch (IOException e) {
            throw new RegisterCallException("ElevenLabs could not be reached at " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegisterCallException("Interrupted while registering the call with ElevenLabs", e);
        }
        String twiml = response.body() == null ? "" : response.body().strip();
        if (response.statusCode() != 200 || !twiml.contains("<Response")) {
            throw new RegisterCallException("ElevenLabs answered register-call with HTTP " + response.statusCode() + ": "
                    + (twiml.length() > 300 ? twiml.substring(0, 300) + "…" : twiml), null);
        }
        Matcher id = CONVERSATION_ID.matcher(twiml);
        return new Registered(twiml, id.find() ? Optional.of(id.group(1)) : Optional.empty());
    }
}
