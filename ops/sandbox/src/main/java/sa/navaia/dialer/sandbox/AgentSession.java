package sa.navaia.dialer.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One conversation as the ElevenLabs agent sees it: which agent, the Twilio call it is on (the {@code <Dial>}ed child
 * leg, or the registered call itself), the numbers from its point of view and what it was told at initiation.
 *
 * @param source {@code personalization_webhook}, {@code register_call} or {@code system_only}
 */
record AgentSession(Agent agent, String direction, String agentNumber, String externalNumber, String callSid,
                    String streamSid, ClientData clientData, String source) {

    static final String PERSONALIZATION = "personalization_webhook";
    static final String REGISTER_CALL = "register_call";
    static final String SYSTEM_ONLY = "system_only";

    /**
     * The ledger's {@code agentContext}: {@code source}, {@code dynamicVariables} (exactly what the agent was given,
     * without the {@code system__} ones it adds itself) and {@code overrides} (the fields it applied, by dotted path).
     */
    Map<String, Object> ledgerContext() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("source", source);
        context.put("dynamicVariables", clientData.dynamicVariables());
        context.put("overrides", clientData.appliedOverrides());
        return context;
    }

    /** The ledger's {@code agentContext} when the agent refused to start: {@code source} and {@code refused}. */
    static Map<String, Object> refusedContext(String source, String reason) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("source", source);
        context.put("refused", reason);
        return context;
    }
}
