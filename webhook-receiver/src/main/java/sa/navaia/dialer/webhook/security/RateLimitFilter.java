package sa.navaia.dialer.webhook.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Refuses a source that sends more than {@code DIALER_WEBHOOK_RATE_PER_SOURCE} requests a second, with {@code 429}.
 * Runs after the signature filters ({@link #VERIFY_ORDER}): a request they verified is never counted; one they refused
 * was counted by them ({@link SourceLimit#refuseUnverified}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RateLimitFilter implements Ordered {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;
    /** The order of the filters that verify Twilio's and ElevenLabs' signatures and the personalisation secret. */
    static final int VERIFY_ORDER = ORDER - 10;

    private final SourceLimit limit;

    RateLimitFilter(SourceLimit limit) {
        this.limit = limit;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        return SourceLimit.isVerified(request) ? null : limit.refuseIfOverLimit(request);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
