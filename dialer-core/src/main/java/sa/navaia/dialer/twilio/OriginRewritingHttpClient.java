package sa.navaia.dialer.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Sends every SDK request to another origin (the sandbox) instead of {@code https://api.twilio.com},
 * keeping path, parameters, headers, body and credentials.
 */
final class OriginRewritingHttpClient extends NetworkHttpClient {

    private static final String TWILIO_API_ORIGIN = "https://api.twilio.com";

    private final String origin;

    OriginRewritingHttpClient(URI origin, HttpClientBuilder apacheClient) {
        super(apacheClient);
        this.origin = TwilioClients.stripTrailingSlash(origin).toString();
    }

    @Override
    public Response makeRequest(Request request) {
        return super.makeRequest(rewrite(request));
    }

    Request rewrite(Request original) {
        String url = original.getUrl();
        if (!url.startsWith(TWILIO_API_ORIGIN)) {
            return original;
        }
        Request rewritten = new Request(original.getMethod(), origin + url.substring(TWILIO_API_ORIGIN.length()));
        copy(original.getQueryParams(), rewritten::addQueryParam);
        copy(original.getPostParams(), rewritten::addPostParam);
        copy(original.getHeaderParams(), rewritten::addHeaderParam);
        if (original.getContentType() != null) {
            rewritten.setContentType(original.getContentType());
        }
        if (original.getBody() != null) {
            rewritten.setBody(original.getBody());
        }
        if (original.getFormParameters() != null) {
            rewritten.setFormParameters(original.getFormParameters());
        }
        rewritten.setUserAgentExtensions(original.getUserAgentExtensions());
        // A SID/token client has no auth strategy: the username and password carry the credentials.
        if (original.getAuthStrategy() != null) {
            rewritten.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            rewritten.setAuth(original.getUsername(), original.getPassword());
        }
        return rewritten;
    }

    private interface ParamSink {
        void add(String name, String value);
    }

    private static void copy(Map<String, List<String>> params, ParamSink sink) {
        params.forEach((name, values) -> values.forEach(value -> sink.add(name, value)));
    }
}
