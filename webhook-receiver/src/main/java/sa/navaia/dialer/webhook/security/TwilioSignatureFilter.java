package sa.navaia.dialer.webhook.security;

import com.twilio.security.RequestValidator;
import io.micronaut.http.HttpMethod;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.core.order.Ordered;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.twilio.ConnectionOverrides;

/**
 * Checks {@code X-Twilio-Signature} before any Twilio webhook handler runs, over the public URL Twilio
 * called ({@code API_URL} + path + query) and the form parameters, with the SDK's {@link RequestValidator}.
 * Twilio signs the URL it was given, and every URL we give it ends with {@link ConnectionOverrides#FRAGMENT}; a
 * fragment never travels in the request line, and Twilio's docs do not say whether the signed URL keeps it, so the
 * signature is accepted computed either way: over the URL with the fragment added back, or without it.
 */
@ServerFilter(value = {"/api/twilio/connect/**", "/api/twilio/status/**", "/api/twilio/dial-result/**",
        "/api/twilio/opt-out/**", "/api/twilio/error"}, methods = HttpMethod.POST)
final class TwilioSignatureFilter implements Ordered {

    static final String HEADER = "X-Twilio-Signature";
    private static final Logger log = LoggerFactory.getLogger(TwilioSignatureFilter.class);

    private final RequestValidator validator;
    private final String apiUrl;
    private final SourceLimit limit;

    TwilioSignatureFilter(DialerSettings settings, SourceLimit limit) {
        this.validator = new RequestValidator(settings.twilio().authToken());
        this.apiUrl = settings.receiver().apiUrl().toString();
        this.limit = limit;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> verify(HttpRequest<?> request, @Body byte[] body) {
        String signature = request.getHeaders().get(HEADER);
        if (signature == null || signature.isBlank()) {
            log.warn("Refused {}: no {} header", request.getPath(), HEADER);
            return limit.refuseUnverified(request, Refusals.refuse(HttpStatus.UNAUTHORIZED, "Missing " + HEADER + " header."));
        }
        if (!isSigned(publicUrl(request), FormBody.parse(body), signature)) {
            log.warn("Refused {}: {} does not match", request.getPath(), HEADER);
            return limit.refuseUnverified(request, Refusals.refuse(HttpStatus.FORBIDDEN, HEADER + " does not match this request."));
        }
        SourceLimit.markVerified(request);
        return null;
    }

    private boolean isSigned(String url, java.util.Map<String, String> params, String signature) {
        return validator.validate(url, params, signature)
                || validator.validate(url + ConnectionOverrides.FRAGMENT, params, signature);
    }

    private String publicUrl(HttpRequest<?> request) {
        URI uri = request.getUri();
        return apiUrl + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    @Override
    public int getOrder() {
        return RateLimitFilter.VERIFY_ORDER;
    }
}
