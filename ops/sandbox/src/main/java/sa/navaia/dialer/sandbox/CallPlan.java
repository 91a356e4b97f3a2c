package sa.navaia.dialer.sandbox;

/**
 * The fate of one call, decided when it is created: outcome, conversation (if it reaches the agent), durations in
 * simulated seconds, and what answering machine detection and the agent's leg will do.
 *
 * @param amd          what detection would answer and after how long, in each mode
 * @param agentLeg     the {@code DialCallStatus} of a {@code <Dial>} to an agent: {@code completed} (the agent
 *                     answers), {@code busy}, {@code no-answer}, {@code failed} or {@code canceled}
 * @param keys         what the person presses at a {@code <Gather>}: {@code ""} nothing, {@link #PROMPTED_KEY} the key
 *                     the prompt names ("press 9"), else these keys
 */
record CallPlan(Outcome outcome, Conversation conversation, int ringSeconds, int talkSeconds, Amd amd,
                String agentLeg, String keys) {

    /** The person presses the key the {@code <Gather>}'s prompt names, as one who wants to opt out would. */
    static final String PROMPTED_KEY = "prompted";
    private static final java.util.regex.Pattern PROMPT = java.util.regex.Pattern.compile(
            "(?i)\\bpress\\s+([0-9*#])");

    CallPlan(Outcome outcome, Conversation conversation, int ringSeconds, int talkSeconds) {
        this(outcome, conversation, ringSeconds, talkSeconds, Amd.natural(outcome), "completed", "");
    }

    /** The keys pressed at a {@code <Gather>} that said {@code prompt}; empty: none. */
    String keysFor(java.util.List<String> prompt) {
        if (!PROMPTED_KEY.equals(keys)) {
            return keys;
        }
        for (String said : prompt) {
            java.util.regex.Matcher press = PROMPT.matcher(said);
            if (press.find()) {
                return press.group(1);
            }
        }
        return "";
    }

    /**
     * Answering machine detection for this call: the answer with {@code MachineDetection=Enable} after
     * {@code enableSeconds}, and with {@code DetectMessageEnd} after {@code messageEndSeconds} (a machine's greeting
     * and its end). {@code MachineDetectionTimeout} shorter than the delay turns the answer into {@code unknown}.
     */
    record Amd(String enableAnswer, double enableSeconds, String messageEndAnswer, double messageEndSeconds) {

        /** The answer an ideal detector gives, after typical delays: what a script gets unless it names one. */
        static Amd natural(Outcome outcome) {
            return switch (outcome) {
                case VOICEMAIL -> new Amd("machine_start", 4, "machine_end_beep", 14);
                case FAX -> new Amd("fax", 3, "fax", 3);
                default -> new Amd("human", 3, "human", 3);
            };
        }

        /** One answer in both modes, e.g. a script's {@code unknown}. */
        static Amd always(String answer, double seconds) {
            return new Amd(answer, seconds, answer, seconds);
        }

        String answer(String mode) {
            return "DetectMessageEnd".equals(mode) ? messageEndAnswer : enableAnswer;
        }

        double seconds(String mode) {
            return "DetectMessageEnd".equals(mode) ? messageEndSeconds : enableSeconds;
        }
    }
}
