package sa.navaia.dialer.webhook.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.elevenlabs.Personalization;

/**
 * ElevenLabs' personalisation webhook carries no signature: its only authentication is the secret headers the
 * workspace is told to send. {@code X-Dialer-Secret} must equal {@code DIALER_PERSONALIZATION_SECRET}, compared in
 * constant time; anything else is refused before the controller runs.
 */
@ServerFilter(value = "/api/elevenlabs/**", methods = HttpMethod.POST)
final class PersonalizationSecretFilter implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(PersonalizationSecretFilter.class);

    private final byte[] secret;
    private final SourceLimit limit;

    PersonalizationSecretFilter(DialerSettings settings, SourceLimit limit) {
        this.secret = settings.elevenLabs().personalizationSecret().getBytes(StandardCharsets.UTF_8);
        this.limit = limit;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> verify(HttpRequest<?> request) {
        String given = request.getHeaders().get(Personalization.SECRET_HEADER);
        if (given == null || given.isEmpty()) {
            log.warn("Refused {}: no {} header", request.getPath(), Personalization.SECRET_HEADER);
            return limit.refuseUnverified(request,
                    Refusals.refuse(HttpStatus.UNAUTHORIZED, "Missing " + Personalization.SECRET_HEADER + " header."));
        }
        if (!MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            log.warn("Refused {}: {} does not match DIALER_PERSONALIZATION_SECRET", request.getPath(),
                    Personalization.SECRET_HEADER);
            return limit.refuseUnverified(request,
                    Refusals.refuse(HttpStatus.FORBIDDEN, Personalization.SECRET_HEADER + " is not this server's secret."));
        }
        SourceLimit.markVerified(request);
        return null;
    }

    @Override
    public int getOrder() {
        return RateLimitFilter.VERIFY_ORDER;
    }
}
