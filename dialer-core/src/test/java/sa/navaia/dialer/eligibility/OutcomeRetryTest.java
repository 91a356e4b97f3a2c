package sa.navaia.dialer.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each outcome's own attempts and delays, within the campaign's attempts in all. */
class OutcomeRetryTest {

    private static final Instant NOW = Instant.parse("2026-07-15T18:00:00Z");

    private final RetryPolicy policy = new RetryPolicy(6, List.of(Duration.ofHours(1)),
            OutcomeRetry.parseRules("busy=3:10,30;no-answer=4:60,240;voicemail=1:1440;failed=2:30;agent-unavailable=3:5"));

    @ParameterizedTest(name = "{0}, attempt {1}, ended so {2} time(s): {3}")
    @CsvSource(textBlock = """
            busy,              1, 1, 2026-07-15T18:10:00Z
            busy,              4, 2, 2026-07-15T18:30:00Z
            busy,              5, 3, final
            no-answer,         1, 1, 2026-07-15T19:00:00Z
            no-answer,         3, 3, 2026-07-15T22:00:00Z
            no-answer,         4, 4, final
            voicemail,         1, 1, final
            failed,            2, 1, 2026-07-15T18:30:00Z
            failed,            3, 2, final
            agent-unavailable, 2, 2, 2026-07-15T18:05:00Z
            agent-unavailable, 6, 2, final
            canceled,          1, 1, final
            """)
    void eachOutcomeHasItsOwnAttemptsAndDelays(String outcome, int attempts, int endedThisWay, String expected) {
        RetryPolicy.Next next = policy.after(AttemptOutcome.of(outcome), attempts, endedThisWay, NOW);

        if (expected.equals("final")) {
            assertThat(next).isInstanceOf(RetryPolicy.Final.class);
        } else {
            assertThat(next).isInstanceOfSatisfying(RetryPolicy.Retry.class, retry -> {
                assertThat(retry.at()).isEqualTo(Instant.parse(expected));
                assertThat(retry.attempt()).isEqualTo(attempts + 1);
            });
        }
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @CsvSource(delimiter = '|', textBlock = """
            busy=3                 | must read outcome=attempts:minutes
            completed=2:10         | is not a retried outcome
            busy=0:10              | at least 1
            busy=two:10            | whole numbers
            voicemail=2:0          | positive minutes
            """)
    void aBadRuleSaysWhatWouldBeRight(String text, String message) {
        assertThatThrownBy(() -> OutcomeRetry.parseRules(text)).hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void rulesReadBackAsWritten() {
        String text = "busy=3:10,30;no-answer=4:60,240;voicemail=1:1440";
        assertThat(OutcomeRetry.format(OutcomeRetry.parseRules(text))).isEqualTo(text);
    }
}
