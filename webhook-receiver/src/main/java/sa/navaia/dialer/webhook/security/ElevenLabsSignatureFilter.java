package sa.navaia.dialer.webhook.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.elevenlabs.ElevenLabsSignature;
import sa.navaia.dialer.elevenlabs.SignatureCheck;

/** Checks {@code ElevenLabs-Signature} over the raw body before the post-call handler runs. */
@ServerFilter(value = "/voice/**", methods = HttpMethod.POST)
final class ElevenLabsSignatureFilter implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(ElevenLabsSignatureFilter.class);

    private final String secret;
    private final Clock clock;
    private final SourceLimit limit;

    ElevenLabsSignatureFilter(DialerSettings settings, Clock clock, SourceLimit limit) {
        this.secret = settings.elevenLabs().webhookSecret();
        this.clock = clock;
        this.limit = limit;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> verify(HttpRequest<?> request, @Body byte[] body) {
        String header = request.getHeaders().get(ElevenLabsSignature.HEADER);
        SignatureCheck check = ElevenLabsSignature.verify(secret, header, body == null ? new byte[0] : body, clock.instant());
        return switch (check) {
            case VALID -> {
                SourceLimit.markVerified(request);
                yield null;
            }
            case MISSING -> {
                log.warn("Refused {}: no {} header", request.getPath(), ElevenLabsSignature.HEADER);
                yield limit.refuseUnverified(request,
                        Refusals.refuse(HttpStatus.UNAUTHORIZED, "Missing " + ElevenLabsSignature.HEADER + " header."));
            }
            case EXPIRED -> refuse(request, "is older than 30 minutes (or from the future); it may be a replay.");
            case MALFORMED -> refuse(request, "must look like t=<unix seconds>,v0=<hex HMAC-SHA256>.");
            case MISMATCH -> refuse(request, "does not match this body.");
        };
    }

    private HttpResponse<?> refuse(HttpRequest<?> request, String why) {
        log.warn("Refused {}: {} {}", request.getPath(), ElevenLabsSignature.HEADER, why);
        return limit.refuseUnverified(request, Refusals.refuse(HttpStatus.FORBIDDEN, ElevenLabsSignature.HEADER + " " + why));
    }

    @Override
    public int getOrder() {
        return RateLimitFilter.VERIFY_ORDER;
    }
}
