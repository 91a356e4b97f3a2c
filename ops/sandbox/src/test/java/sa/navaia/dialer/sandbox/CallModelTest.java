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
        for (String number : NUMBERS) {
            CallPlan plan = model.plan(number, 1, null);
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
}
