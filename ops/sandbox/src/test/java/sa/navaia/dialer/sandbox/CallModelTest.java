package sa.navaia.dialer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CallModelTest {

    private static final List<String> NUMBERS = IntStream.range(0, 200)
            .mapToObj(i -> "+1938555" + String.format("%04d", i)).toList();

    @Test
    void sameSeedNumberAndAttemptGiveTheSamePlan() {
        CallModel first = new CallModel(42);
        CallModel second = new CallModel(42);

        for (String number : NUMBERS) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThat(second.plan(number, attempt, null)).isEqualTo(first.plan(number, attempt, null));
            }
        }
    }

    @Test
    void anotherSeedGivesOtherPlans() {
        List<CallPlan> seed42 = NUMBERS.stream().map(number -> new CallModel(42).plan(number, 1, null)).toList();
        List<CallPlan> seed43 = NUMBERS.stream().map(number -> new CallModel(43).plan(number, 1, null)).toList();

        assertThat(seed43).isNotEqualTo(seed42);
    }

    @Test
    void everyOutcomeAndConversationOccurs() {
        CallModel model = new CallModel(7);
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        Set<Conversation> conversations = EnumSet.noneOf(Conversation.class);
        for (int i = 0; i < 1000; i++) {
            CallPlan plan = model.plan("+1938556" + String.format("%04d", i), 1, null);
            outcomes.add(plan.outcome());
            conversations.add(plan.conversation());
            assertThat(plan.ringSeconds()).isBetween(3, 22);
            assertThat(plan.talkSeconds()).isBetween(20, 179);
        }

        assertThat(outcomes).containsExactlyInAnyOrder(Outcome.values());
        assertThat(conversations).containsExactlyInAnyOrder(Conversation.values());
    }

    @Test
    void scriptOverridesOutcomeAndConversation() {
        CallPlan plan = new CallModel(42).plan(NUMBERS.get(0), 1, new ScriptedCall(Outcome.BUSY, Conversation.OPT_OUT));

        assertThat(plan.outcome()).isEqualTo(Outcome.BUSY);
        assertThat(plan.conversation()).isEqualTo(Conversation.OPT_OUT);
    }

    @Test
    void detectionGivesEveryDocumentedAnswerAndAgentLegsFailAtTheirRate() {
        CallModel model = new CallModel(7, 0.2, 0);
        Set<String> answers = new java.util.HashSet<>();
        int failedLegs = 0;
        for (int i = 0; i < 1000; i++) {
            CallPlan plan = model.plan("+1938557" + String.format("%04d", i), 1, null);
            answers.add(plan.amd().enableAnswer());
            answers.add(plan.amd().messageEndAnswer());
            if (plan.outcome() == Outcome.VOICEMAIL) {
                assertThat(plan.amd().messageEndSeconds()).isBetween(7.0, 27.0);
            }
            failedLegs += "completed".equals(plan.agentLeg()) ? 0 : 1;
        }

        assertThat(answers).containsExactlyInAnyOrderElementsOf(CallScript.ANSWERS);
        assertThat(failedLegs / 1000.0).isBetween(0.15, 0.25);
    }

    @Test
    void aScriptNamesTheDetectionAnswerAndTheAgentsLeg() {
        CallPlan plan = new CallModel(42, 1, 0).plan(NUMBERS.get(0), 1,
                CallScript.of(Outcome.VOICEMAIL).answeredBy("machine_end_silence").toScripted());

        assertThat(plan.amd().answer("DetectMessageEnd")).isEqualTo("machine_end_silence");
        assertThat(plan.agentLeg()).as("a script without agentLeg lets the agent answer").isEqualTo("completed");
    }

    @Test
    void peoplePressThePromptedKeyAtTheirRateTheSameWayForOneSeed() {
        java.util.List<String> prompt = java.util.List.of("This call was for telemarketing purposes.",
                "To be added to our do-not-call list, press 9 now.");
        int pressed = 0;
        for (int i = 0; i < 1000; i++) {
            String number = "+1938557" + String.format("%04d", i);
            String keys = new CallModel(7, 0, 0.1).plan(number, 1, null).keysFor(prompt);
            assertThat(keys).isIn("", "9").isEqualTo(new CallModel(7, 0, 0.1).plan(number, 1, null).keysFor(prompt));
            pressed += keys.isEmpty() ? 0 : 1;
        }

        assertThat(pressed / 1000.0).isBetween(0.07, 0.13);
        assertThat(new CallModel(7).plan(NUMBERS.get(0), 1, CallScript.of(Outcome.COMPLETED).presses("1").toScripted())
                .keysFor(prompt)).as("a script names the keys").isEqualTo("1");
        assertThat(new CallModel(7).plan(NUMBERS.get(0), 1, CallScript.of(Outcome.COMPLETED).pressesThePromptedKey()
                .toScripted()).keysFor(java.util.List.of("Goodbye."))).as("no key named, none pressed").isEmpty();
    }
}
