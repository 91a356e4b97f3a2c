package sa.navaia.dialer.webhook.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
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

/**
 * {@code /api/calls/**} needs {@code Authorization: Bearer <JWT>} signed HS256 with {@code DIALER_JWT_SECRET}.
 * The verifier is pinned to HS256, so unsigned ({@code alg: none}) and other-algorithm tokens fail.
 */
@ServerFilter("/api/calls/**")
final class BearerTokenFilter implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final String PREFIX = "Bearer ";

    private final JWTVerifier verifier;

    BearerTokenFilter(DialerSettings settings, Clock clock) {
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(Algorithm.HMAC256(settings.receiver().jwtSecret())))
                .build(clock);
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        String header = request.getHeaders().getAuthorization().orElse("");
        if (!header.startsWith(PREFIX)) {
            return Refusals.refuse(HttpStatus.UNAUTHORIZED, "Authorization: Bearer <JWT> is required.")
                    .header("WWW-Authenticate", "Bearer");
        }
        try {
            verifier.verify(header.substring(PREFIX.length()).strip());
            return null;
        } catch (TokenExpiredException e) {
            return unauthorized("The bearer token has expired.");
        } catch (JWTVerificationException e) {
            log.warn("Refused {}: bearer token not valid: {}", request.getPath(), e.getMessage());
            return unauthorized("The bearer token is not a valid HS256 token for this server.");
        }
    }

    private static HttpResponse<?> unauthorized(String message) {
        return Refusals.refuse(HttpStatus.UNAUTHORIZED, message).header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    @Override
    public int getOrder() {
        return RateLimitFilter.ORDER + 10;
    }
}
