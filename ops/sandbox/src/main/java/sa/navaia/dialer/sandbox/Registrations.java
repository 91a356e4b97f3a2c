package sa.navaia.dialer.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Conversations registered with {@code POST /v1/convai/twilio/register-call} and not yet connected. The TwiML the
 * endpoint answers names one of them by its {@code conversation_id} stream parameter; the first call that serves
 * that TwiML claims it. Harsher than needed where the docs are silent: a registration connects one call only, and
 * a stream URL the sandbox did not issue reaches no agent.
 */
final class Registrations {

    /** What register-call was given; the client data is checked against the agent when the stream connects. */
    record Registration(String conversationId, Agent agent, String fromNumber, String toNumber, String direction,
                        JsonNode clientData) {
    }

    private final Map<String, Registration> pending = new ConcurrentHashMap<>();

    void add(Registration registration) {
        pending.put(registration.conversationId(), registration);
    }

    /** The registration named by {@code conversationId} if it has not connected yet; null if none. */
    Registration pending(String conversationId) {
        return pending.get(conversationId);
    }

    /** The registration named by {@code conversationId}, removed so that no second call can use it; null if none. */
    Registration claim(String conversationId) {
        return conversationId == null ? null : pending.remove(conversationId);
    }
}
