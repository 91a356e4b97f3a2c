package sa.navaia.dialer.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The seeded random call model. Every draw depends only on (seed, number, attempt for that number,
 * purpose), never on thread timing, so two runs with one seed play the same calls.
 */
final class CallModel {

    private static final Outcome[] OUTCOMES = {
        Outcome.COMPLETED, Outcome.BUSY, Outcome.NO_ANSWER, Outcome.FAILED, Outcome.VOICEMAIL};
    private static final double[] OUTCOME_SHARES = {0.55, 0.12, 0.15, 0.05, 0.13};
    private static final Conversation[] CONVERSATIONS = {
        Conversation.BOOKING, Conversation.SUPPORT_TICKET, Conversation.OPT_OUT, Conversation.NO_INTENT};
    private static final double[] CONVERSATION_SHARES = {0.35, 0.25, 0.10, 0.30};

    private final long seed;

    CallModel(long seed) {
        this.seed = seed;
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
        }
        return new CallPlan(outcome, conversation, ringSeconds, talkSeconds);
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
