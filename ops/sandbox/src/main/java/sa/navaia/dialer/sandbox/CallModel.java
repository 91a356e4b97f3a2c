package sa.navaia.dialer.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The seeded random call model. Every draw depends only on (seed, number, attempt for that number,
 * purpose), never on thread timing, so two runs with one seed play the same calls.
 */
final class CallModel {

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
        if (draw < 0.55) {
            return Outcome.COMPLETED;
        } else if (draw < 0.67) {
            return Outcome.BUSY;
        } else if (draw < 0.82) {
            return Outcome.NO_ANSWER;
        } else if (draw < 0.87) {
            return Outcome.FAILED;
        }
        return Outcome.VOICEMAIL;
    }

    private static Conversation pickConversation(double draw) {
        if (draw < 0.35) {
            return Conversation.BOOKING;
        } else if (draw < 0.60) {
            return Conversation.SUPPORT_TICKET;
        } else if (draw < 0.70) {
            return Conversation.OPT_OUT;
        }
        return Conversation.NO_INTENT;
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
