package sa.navaia.dialer.webhook.initiate;

import io.micronaut.http.HttpStatus;

/** A call that was not placed: the HTTP status to answer, the rule that refused it, and the session kept, if any. */
public final class CallRefusedException extends RuntimeException {

    private final HttpStatus status;
    private final String rule;
    private final String sessionId;

    public CallRefusedException(HttpStatus status, String rule, String message, String sessionId) {
        super(message);
        this.status = status;
        this.rule = rule;
        this.sessionId = sessionId;
    }

    public HttpStatus status() {
        return status;
    }

    public String rule() {
        return rule;
    }

    public String sessionId() {
        return sessionId;
    }
}
