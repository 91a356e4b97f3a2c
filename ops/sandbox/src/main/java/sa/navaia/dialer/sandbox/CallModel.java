package sa.navaia.dialer.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The seeded random call model. Every draw depends only on (seed, number, attempt for that number,
 * purpose), never on thread timing, so two runs with one seed play the same calls.
 */
final class CallModel {

    private static final Outcome[] OUTCOMES = {
        Outcome.COMPLETED, Outcome.BUSY, Outcome.NO_ANSWER, Outcome.FAILED, Outcome.VOICEMAIL, Outcome.FAX};
    private static final double[] OUTCOME_SHARES = {0.55, 0.12, 0.15, 0.05, 0.12, 0.01};
    /** Humans who say nothing until {@code MachineDetectionTimeout} runs out: {@code unknown}. */
    static final double SILENT_HUMAN_SHARE = 0.03;
    /** Machines whose short greeting {@code Enable} mistakes for a person. */
    static final double MACHINE_TAKEN_FOR_HUMAN_SHARE = 0.05;
    private static final String[] MESSAGE_ENDS = {"machine_end_beep", "machine_end_silence", "machine_end_other"};
    private static final double[] MESSAGE_END_SHARES = {0.70, 0.20, 0.10};
    private static final String[] LEG_FAILURES = {"failed", "busy", "no-answer"};
    private static final double[] LEG_FAILURE_SHARES = {0.6, 0.2, 0.2};
    /** Twilio's {@code SpeechEndThreshold} default: silence after speech before detection answers. */
    private static final double SPEECH_END_SECONDS = 1.2;
    private static final Conversation[] CONVERSATIONS = {
        Conversation.BOOKING, Conversation.SUPPORT_TICKET, Conversation.OPT_OUT, Conversation.NO_INTENT};
    private static final double[] CONVERSATION_SHARES = {0.35, 0.25, 0.10, 0.30};

    private final long seed;
    private final double agentLegFailureRate;
    private final double promptedKeyRate;

    CallModel(long seed) {
        this(seed, 0, 0);
    }

    /** {@code agentLegFailureRate}: the share of unscripted {@code <Dial>}s to an agent whose leg does not connect. */
    /** {@code promptedKeyRate}: the share of unscripted people who press the key a {@code <Gather>}'s prompt names. */
    CallModel(long seed, double agentLegFailureRate, double promptedKeyRate) {
        this.seed = seed;
        this.agentLegFailureRate = agentLegFailureRate;
        this.promptedKeyRate = promptedKeyRate;
    }

    CallPlan plan(String to, int attempt, ScriptedCall script) {
        SplittableRandom random = random(to, attempt, "plan");
        Outcome outcome = pickOutcome(random.nextDouble());
        Conversation conversation = pickConversation(random.nextDouble());
        int ringSeconds = 3 + random.nextInt(20);
        int talkSeconds = 20 + random.nextInt(160);
        if (script != null) {
            outcome = script.outcome();
            conversation = script.conversation() != null ? script.conversation() : conversation;
            CallPlan.Amd amd = script.answeredBy() == null ? CallPlan.Amd.natural(outcome)
                    : CallPlan.Amd.always(script.answeredBy(), "unknown".equals(script.answeredBy())
                    ? Double.POSITIVE_INFINITY : CallPlan.Amd.natural(outcome).enableSeconds());
            return new CallPlan(outcome, conversation, ringSeconds, talkSeconds, amd,
                    script.agentLeg() == null ? "completed" : script.agentLeg(),
                    script.keys() == null ? keys(random(to, attempt, "keys")) : script.keys());
        }
        return new CallPlan(outcome, conversation, ringSeconds, talkSeconds, amd(outcome, random(to, attempt, "amd")),
                agentLeg(random(to, attempt, "agent-leg")), keys(random(to, attempt, "keys")));
    }

    /**
     * Detection on the seeded model (delays in simulated seconds): a person is recognised 2-4 s after answering (3%
     * stay silent: {@code unknown} at the timeout); a machine is {@code machine_start} after 3-5 s with
     * {@code Enable} (5% are taken for a person), and with {@code DetectMessageEnd} its 6-25 s greeting ends with a
     * beep (70%), silence (20%) or otherwise (10%); a fax is {@code fax} after 2-4 s.
     */
    private static CallPlan.Amd amd(Outcome outcome, SplittableRandom random) {
        double first = random.nextDouble();
        double second = random.nextDouble();
        double delay = 2 + 2 * random.nextDouble();
        return switch (outcome) {
            case VOICEMAIL -> {
                double greeting = 6 + 19 * second;
                String end = MESSAGE_ENDS[pick(random.nextDouble(), MESSAGE_END_SHARES)];
                yield first < MACHINE_TAKEN_FOR_HUMAN_SHARE
                        ? new CallPlan.Amd("human", delay, end, greeting + SPEECH_END_SECONDS)
                        : new CallPlan.Amd("machine_start", delay + 1, end, greeting + SPEECH_END_SECONDS);
            }
            case FAX -> CallPlan.Amd.always("fax", delay);
            default -> first < SILENT_HUMAN_SHARE ? CallPlan.Amd.always("unknown", Double.POSITIVE_INFINITY)
                    : CallPlan.Amd.always("human", delay);
        };
    }

    private String agentLeg(SplittableRandom random) {
        return random.nextDouble() < agentLegFailureRate
                ? LEG_FAILURES[pick(random.nextDouble(), LEG_FAILURE_SHARES)] : "completed";
    }

    private String keys(SplittableRandom random) {
        return random.nextDouble() < promptedKeyRate ? CallPlan.PROMPTED_KEY : "";
    }

    /** The random source of one call's callback faults (duplicates, reordering). */
    SplittableRandom callbackFaults(String to, int attempt) {
        return random(to, attempt, "callbacks");
    }

    private static Outcome pickOutcome(double draw) {
        return OUTCOMES[pick(draw, OUTCOME_SHARES)];
    }

    private static Conversation pickConversation(double draw) {
        return CONVERSATIONS[pick(draw, CONVERSATION_SHARES)];
    }

    /** The index whose share of [0, 1) the draw falls in. */
    private static int pick(double draw, double[] shares) {
        double cumulative = 0;
        for (int i = 0; i < shares.length - 1; i++) {
            cumulative += shares[i];
            if (draw < cumulative) {
                return i;
            }
        }
        return shares.length - 1;
    }

    private SplittableRandom random(String to, int attempt, String purpose) {
        long mixed = seed;
        for (byte b : (to + '|' + attempt + '|' + purpose).getBytes(StandardCharsets.UTF_8)) {
            mixed = mixed * 1_000_003L + b;
        }
        // SplittableRandom scrambles its seed, so nearby inputs still give independent streams.
        return new SplittableRandom(new SplittableRandom(mixed).nextLong());
    }
}
