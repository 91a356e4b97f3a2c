package sa.navaia.dialer.sandbox;

/** A test's or demo's choice for one attempt to a number; a null conversation leaves it to the model. */
record ScriptedCall(Outcome outcome, Conversation conversation) {
}
