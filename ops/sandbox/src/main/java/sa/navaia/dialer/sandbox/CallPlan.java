package sa.navaia.dialer.sandbox;

/**
 * The fate of one call, decided when it is created: outcome, conversation (if it reaches the agent),
 * and durations in simulated seconds.
 */
record CallPlan(Outcome outcome, Conversation conversation, int ringSeconds, int talkSeconds) {
}
