package sa.navaia.dialer.webhook.security;

import io.github.bucket4j.TimeMeter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.TrustedProxies;

/**
 * The per-source request limit ({@code DIALER_WEBHOOK_RATE_PER_SOURCE}) for traffic that is not verified provider
 * traffic. A request with a valid Twilio or ElevenLabs signature, or the personalisation secret, is marked
 * {@link #VERIFIED} by its filter and never counted: Twilio's and ElevenLabs' webhooks are not redelivered after a
 * {@code 429}, and one Twilio edge address sends every callback of a busy campaign. Everything else is counted per
 * client address ({@link ClientAddress}): requests to the other endpoints, and signed endpoints' requests whose
 * signature failed, which get {@code 429} instead of {@code 401}/{@code 403} once their source is over the limit.
 */
@Singleton
final class SourceLimit {

    /** Request attribute set by the filter that verified the request's signature or secret. */
    static final String VERIFIED = "dialer.verified-provider";
    private static final Logger log = LoggerFactory.getLogger(SourceLimit.class);

    private final SourceRateLimiter limiter;
    private final TrustedProxies trustedProxies;

    SourceLimit(DialerSettings settings, Clock clock) {
        TimeMeter time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.limiter = new SourceRateLimiter(settings.receiver().requestsPerSecondPerSource(), time);
        this.trustedProxies = settings.receiver().trustedProxies();
    }

    static void markVerified(HttpRequest<?> request) {
        request.setAttribute(VERIFIED, Boolean.TRUE);
    }

    static boolean isVerified(HttpRequest<?> request) {
        return request.getAttribute(VERIFIED, Boolean.class).orElse(false);
    }

    /** {@code 429} when the request's source is over its limit (the request is counted); null when it may go on. */
    @Nullable
    HttpResponse<?> refuseIfOverLimit(HttpRequest<?> request) {
        String source = ClientAddress.of(request.getRemoteAddress(), request.getHeaders().getAll(ClientAddress.FORWARDED_FOR),
                trustedProxies);
        if (limiter.tryAcquire(source)) {
            return null;
        }
        log.warn("Rate limit: refused {} {} from {}", request.getMethodName(), request.getPath(), source);
        return Refusals.refuse(HttpStatus.TOO_MANY_REQUESTS, "Too many requests from " + source + "; slow down.")
                .header("Retry-After", "1");
    }

    /** What a request whose signature or secret failed gets: {@code 429} over the limit, else {@code refusal}. */
    HttpResponse<?> refuseUnverified(HttpRequest<?> request, HttpResponse<?> refusal) {
        HttpResponse<?> overLimit = refuseIfOverLimit(request);
        return overLimit != null ? overLimit : refusal;
    }
}
