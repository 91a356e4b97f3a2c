package sa.navaia.dialer.sandbox;

import java.util.Objects;
import java.util.Set;

/**
 * What one scripted attempt does, for {@link Sandbox#script(String, CallScript)}: the outcome, and optionally the
 * conversation, the answering machine detection answer and the fate of the agent's {@code <Dial>} leg.
 *
 * <pre>{@code
 * sandbox.script("+19385551234", CallScript.of(Outcome.VOICEMAIL).answeredBy("machine_end_silence"));
 * sandbox.script("+19385551235", CallScript.of(Outcome.COMPLETED).agentLeg("failed"));  // e.g. a concurrency limit
 * sandbox.script("+19385551236", CallScript.of(Outcome.COMPLETED).agentLeg("no-answer").pressesThePromptedKey());
 * }</pre>
 */
public final class CallScript {

    /** Every {@code AnsweredBy} value Twilio documents. */
    public static final Set<String> ANSWERS = Set.of("human", "machine_start", "machine_end_beep",
            "machine_end_silence", "machine_end_other", "fax", "unknown");
    /** Every {@code DialCallStatus} an agent's leg may end with. */
    public static final Set<String> AGENT_LEGS = Set.of("completed", "busy", "no-answer", "failed", "canceled");

    private final Outcome outcome;
    private final Conversation conversation;
    private final String answeredBy;
    private final String agentLeg;
    private final String keys;

    private CallScript(Outcome outcome, Conversation conversation, String answeredBy, String agentLeg, String keys) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.conversation = conversation;
        this.answeredBy = answeredBy;
        this.agentLeg = agentLeg;
        this.keys = keys;
    }

    public static CallScript of(Outcome outcome) {
        return new CallScript(outcome, null, null, null, null);
    }

    public CallScript conversation(Conversation conversation) {
        return new CallScript(outcome, conversation, answeredBy, agentLeg, keys);
    }

    /**
     * The detection answer, from {@link #ANSWERS}, given in whichever {@code MachineDetection} mode the call asks for
     * ({@code unknown} comes when {@code MachineDetectionTimeout} runs out).
     */
    public CallScript answeredBy(String answeredBy) {
        if (!ANSWERS.contains(answeredBy)) {
            throw new IllegalArgumentException("answeredBy must be one of " + ANSWERS + "; got " + answeredBy + ".");
        }
        return new CallScript(outcome, conversation, answeredBy, agentLeg, keys);
    }

    /** How a {@code <Dial>} to an agent ends, from {@link #AGENT_LEGS}; {@code completed}: the agent answers. */
    public CallScript agentLeg(String dialCallStatus) {
        if (!AGENT_LEGS.contains(dialCallStatus)) {
            throw new IllegalArgumentException("agentLeg must be one of " + AGENT_LEGS + "; got " + dialCallStatus + ".");
        }
        return new CallScript(outcome, conversation, answeredBy, dialCallStatus, keys);
    }

    /**
     * The keys the person presses at a {@code <Gather>} (digits, {@code *}, {@code #}; {@code ""}: none), after its
     * prompt was said; {@link #pressesThePromptedKey()} presses the key the prompt names.
     */
    public CallScript presses(String keys) {
        if (!keys.matches("[0-9*#]*")) {
            throw new IllegalArgumentException("keys are digits, * and #; got " + keys + ".");
        }
        return new CallScript(outcome, conversation, answeredBy, agentLeg, keys);
    }

    /** The person presses the key the {@code <Gather>}'s prompt names ("press 9"), as one who opts out would. */
    public CallScript pressesThePromptedKey() {
        return new CallScript(outcome, conversation, answeredBy, agentLeg, CallPlan.PROMPTED_KEY);
    }

    ScriptedCall toScripted() {
        return new ScriptedCall(outcome, conversation, answeredBy, agentLeg, keys);
    }
}
