package sa.navaia.dialer.agent;

import java.util.Objects;
import java.util.Optional;

/**
 * One ElevenLabs agent a campaign can name: our name for it ({@code support}), its ElevenLabs agent id, and how a call
 * reaches it. A {@link AgentConnection#DIAL} agent has the phone number its Twilio number was imported as.
 */
public record Agent(String name, String agentId, AgentConnection connection, Optional<String> phoneNumber) {

    public Agent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        if (connection == AgentConnection.DIAL && phoneNumber.isEmpty()) {
            throw new IllegalArgumentException("Agent " + name + " is reached by <Dial> and needs a phone number.");
        }
    }

    public static Agent dialed(String name, String agentId, String phoneNumber) {
        return new Agent(name, agentId, AgentConnection.DIAL, Optional.of(phoneNumber));
    }

    public static Agent registered(String name, String agentId) {
        return new Agent(name, agentId, AgentConnection.REGISTER_CALL, Optional.empty());
    }

    /** How the settings spell it: {@code support:agent_123:+19385550100} or {@code sales:agent_456:register-call}. */
    public String spelled() {
        return name + ":" + agentId + ":" + phoneNumber.orElse(Agents.REGISTER_CALL);
    }
}
