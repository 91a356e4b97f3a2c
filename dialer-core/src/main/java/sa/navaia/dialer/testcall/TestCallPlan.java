package sa.navaia.dialer.testcall;

import java.time.ZoneId;
import java.util.Optional;

/**
 * A test call that passed its checks: to whom (and the recipient's zone, when the number has one), from which caller
 * ID, through which agent at which campaign rate, as which contact.
 */
public record TestCallPlan(long campaignId, String agentName, String callerId, String machineDetection,
                           double campaignCallsPerSecond, String phoneE164, Optional<ZoneId> zone,
                           Optional<Long> asContactId) {

    /** The sentence on its compliance row. */
    public String detail() {
        return "Test call placed by an operator (ops/dialer campaign test-call), outside the list, "
                + asContactId.map(id -> "with contact " + id + "'s variables.").orElse("with no contact's variables.");
    }
}
