package sa.navaia.dialer.webhook.initiate;

/**
 * Places one call now for {@code POST /api/calls/initiate}. The shared dialing rules (phone policy,
 * calling window, shared rate limit, at-most-once placer) will stand behind this interface once merged.
 */
public interface CallInitiator {

    /** A call to place: the customer, the number as given, and the agent to connect. */
    record Request(String customerId, String phone, String agentType) {
    }

    /** The session created and the call SID Twilio gave it. */
    record Placed(String sessionId, String callSid) {
    }

    /** Places the call, or throws {@link CallRefusedException} naming the rule that refused it. */
    Placed initiate(Request request);
}
