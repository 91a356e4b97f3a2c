package sa.navaia.dialer.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in console session that has been idle longer than {@code DIALER_CONSOLE_IDLE_TIMEOUT}, or that
 * began longer than {@code DIALER_CONSOLE_SESSION_LIFETIME} ago, before its request is served: the request then
 * goes on without a session, so a page is redirected to the sign-in. Tomcat's own session timeout (whole minutes)
 * only frees the memory; these times are read from the one clock.
 */
final class SessionLimits extends OncePerRequestFilter {

    static final String SIGNED_IN_AT = "dialer.signedInAt";
    static final String LAST_SEEN = "dialer.lastSeen";
    private static final Logger log = LoggerFactory.getLogger(SessionLimits.class);

    private final Duration idleTimeout;
    private final Duration lifetime;
    private final Clock clock;

    SessionLimits(Duration idleTimeout, Duration lifetime, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** Called once a sign-in succeeded: the session's lifetime starts now. */
    void signedIn(HttpSession session) {
        Instant now = clock.instant();
        session.setAttribute(SIGNED_IN_AT, now);
        session.setAttribute(LAST_SEEN, now);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SIGNED_IN_AT) instanceof Instant signedInAt) {
            Instant now = clock.instant();
            Instant lastSeen = session.getAttribute(LAST_SEEN) instanceof Instant seen ? seen : signedInAt;
            if (now.isAfter(lastSeen.plus(idleTimeout)) || now.isAfter(signedInAt.plus(lifetime))) {
                log.info("Console session ended: idle since {} (limit {}), signed in at {} (limit {})",
                        lastSeen, idleTimeout, signedInAt, lifetime);
                session.invalidate();
            } else {
                session.setAttribute(LAST_SEEN, now);
            }
        }
        chain.doFilter(request, response);
    }
}
