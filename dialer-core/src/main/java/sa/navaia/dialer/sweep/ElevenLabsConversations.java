package sa.navaia.dialer.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ElevenLabs' conversations API ({@code xi-api-key}): {@code GET /v1/convai/conversations/{id}}, the same data a
 * post-call transcription carries, and {@code GET /v1/convai/conversations} filtered by agent and start time.
 */
public final class ElevenLabsConversations {

    private static final String PATH = "/v1/convai/conversations";
    private static final int PAGE_SIZE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI apiUrl;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ElevenLabsConversations(URI apiUrl, String apiKey) {
        this.apiUrl = apiUrl;
        this.apiKey = apiKey == null ? "" : apiKey;
    }

    /** The conversation, or empty when ElevenLabs has none by that id. */
    public Optional<JsonNode> get(String conversationId) throws IOException, InterruptedException {
        HttpResponse<String> response = send(PATH + "/" + URLEncoder.encode(conversationId, StandardCharsets.UTF_8));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(ok(response));
    }

    /**
     * The ids of the agent's conversations that started in [after, before] and that {@code wanted} accepts, at most
     * {@code limit}: in a busy window the ones already known are passed over page by page, not counted.
     */
    public List<String> idsBetween(String agentId, Instant after, Instant before, int limit,
                                   java.util.function.Predicate<String> wanted) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            String query = "?agent_id=" + URLEncoder.encode(agentId, StandardCharsets.UTF_8)
                    + "&call_start_after_unix=" + after.getEpochSecond() + "&call_start_before_unix=" + before.getEpochSecond()
                    + "&page_size=" + PAGE_SIZE + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = ok(send(PATH + query));
            page.path("conversations").forEach(c -> {
                String id = c.path("conversation_id").asText();
                if (ids.size() < limit && wanted.test(id)) {
                    ids.add(id);
                }
            });
            cursor = page.path("has_more").asBoolean(false) && page.path("next_cursor").isTextual()
                    ? page.path("next_cursor").asText() : null;
        } while (cursor != null && ids.size() < limit);
        return ids;
    }

    private HttpResponse<String> send(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + pathAndQuery)).timeout(Duration.ofSeconds(10))
                .header("xi-api-key", apiKey).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException("ElevenLabs answered " + response.statusCode() + " to " + response.uri().getPath() + ": "
                    + (response.body().length() > 200 ? response.body().substring(0, 200) : response.body()));
        }
        return JSON.readTree(response.body());
    }
}
