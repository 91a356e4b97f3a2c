package sa.navaia.dialer.webhook.initiate;

/**
 * Places one call now for {@code POST /api/calls/initiate}. The shared dialing rules (phone policy,
 * calling window, shared rate limit, at-most-once placer) will stand behind this interface once merged.
 */
public interface CallInitiator {

    /**
     * A call to place: the customer, the number as given, the agent to connect, and the consent the caller vouches for
     * (recorded before the call; without one, the number must have a consent on record).
     */
    record Request(String customerId, String phone, String agentType, java.util.Optional<GivenConsent> consent) {
        public Request(String customerId, String phone, String agentType) {
            this(customerId, phone, agentType, java.util.Optional.empty());
        }
    }

    /** The request's {@code consent} object: basis, source, captured_at, text_version, method. */
    record GivenConsent(String basis, String source, java.time.Instant capturedAt, String textVersion, String method) {
    }

    /** The session created and the call SID Twilio gave it. */
    record Placed(String sessionId, String callSid) {
    }

    /** Places the call, or throws {@link CallRefusedException} naming the rule that refused it. */
    Placed initiate(Request request);
}
