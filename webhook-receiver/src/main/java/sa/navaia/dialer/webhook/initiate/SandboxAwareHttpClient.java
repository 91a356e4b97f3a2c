package sa.navaia.dialer.webhook.initiate;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Sends the Twilio SDK's requests to {@code apiOrigin} instead of {@code https://api.twilio.com}
 * (the sandbox, or a test's fake). To be replaced by dialer-core's {@code twilio.TwilioClients} when merged.
 */
final class SandboxAwareHttpClient extends NetworkHttpClient {

    private static final String TWILIO_ORIGIN = "https://api.twilio.com";

    private final String origin;

    SandboxAwareHttpClient(URI apiOrigin) {
        String value = apiOrigin.toString();
        this.origin = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    @Override
    public Response makeRequest(Request request) {
        if (!request.getUrl().startsWith(TWILIO_ORIGIN)) {
            return super.makeRequest(request);
        }
        Request rewritten = new Request(request.getMethod(), origin + request.getUrl().substring(TWILIO_ORIGIN.length()));
        copy(request.getQueryParams(), rewritten::addQueryParam);
        copy(request.getPostParams(), rewritten::addPostParam);
        copy(request.getHeaderParams(), rewritten::addHeaderParam);
        if (request.getContentType() != null) {
            rewritten.setContentType(request.getContentType());
        }
        if (request.getBody() != null) {
            rewritten.setBody(request.getBody());
        }
        // For SID/token clients the auth strategy is null: copy the credentials themselves.
        if (request.getUsername() != null) {
            rewritten.setAuth(request.getUsername(), request.getPassword());
        } else if (request.getAuthStrategy() != null) {
            rewritten.setAuth(request.getAuthStrategy());
        }
        return super.makeRequest(rewritten);
    }

    private static void copy(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
}
