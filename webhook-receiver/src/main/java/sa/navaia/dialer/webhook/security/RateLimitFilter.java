package sa.navaia.dialer.webhook.security;

import io.github.bucket4j.TimeMeter;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.config.DialerSettings;

/** Refuses a source that sends more than {@code DIALER_WEBHOOK_RATE_PER_SOURCE} requests a second, with {@code 429}. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RateLimitFilter implements Ordered {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;
    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final SourceRateLimiter limiter;

    RateLimitFilter(DialerSettings settings, Clock clock) {
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
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        String source = request.getRemoteAddress().getAddress() == null
                ? request.getRemoteAddress().getHostString()
                : request.getRemoteAddress().getAddress().getHostAddress();
        if (limiter.tryAcquire(source)) {
            return null;
        }
        log.warn("Rate limit: refused {} {} from {}", request.getMethodName(), request.getPath(), source);
        return Refusals.refuse(HttpStatus.TOO_MANY_REQUESTS, "Too many requests from " + source + "; slow down.")
                .header("Retry-After", "1");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
