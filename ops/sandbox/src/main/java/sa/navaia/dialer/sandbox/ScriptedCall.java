package sa.navaia.dialer.sandbox;

/**
 * A test's or demo's choice for one attempt to a number; a null conversation leaves it to the model. A null
 * {@code answeredBy} gives the outcome's natural detection answer; a null {@code agentLeg} lets the agent answer; null
 * {@code keys} leaves a {@code <Gather>}'s key presses to the model.
 */
record ScriptedCall(Outcome outcome, Conversation conversation, String answeredBy, String agentLeg, String keys) {

    ScriptedCall(Outcome outcome, Conversation conversation) {
        this(outcome, conversation, null, null, null);
    }
}
