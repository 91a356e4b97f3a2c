package sa.navaia.dialer.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-07-15T18:00:00Z");

    private final RetryPolicy policy = new RetryPolicy(5, List.of(Duration.ofMinutes(30), Duration.ofHours(2)));

    @ParameterizedTest(name = "{0} after attempt {1}: retry at {2}")
    @CsvSource({
            "busy,      1, 2026-07-15T18:30:00Z",
            "no-answer, 2, 2026-07-15T20:00:00Z",
            "failed,    3, 2026-07-15T20:00:00Z",
            "voicemail, 4, 2026-07-15T20:00:00Z"})
    void retriesAfterTheBackoffWhileAttemptsRemainAndTheLastDelayRepeats(String outcome, int attempts, Instant at) {
        assertThat(policy.after(AttemptOutcome.of(outcome), attempts, NOW))
                .isInstanceOfSatisfying(RetryPolicy.Retry.class, retry -> {
                    assertThat(retry.at()).isEqualTo(at);
                    assertThat(retry.attempt()).isEqualTo(attempts + 1);
                });
    }

    @ParameterizedTest(name = "{0} is final")
    @CsvSource({"completed", "canceled", "cancelled", "opted-out", "invalid", "do-not-call"})
    void finalOutcomesAreNeverRetried(String outcome) {
        assertThat(policy.after(AttemptOutcome.of(outcome), 1, NOW)).isInstanceOf(RetryPolicy.Final.class);
    }

    @Test
    void aRetryableOutcomeIsFinalWhenTheAttemptsAreUsed() {
        assertThat(policy.after(AttemptOutcome.BUSY, 5, NOW)).isInstanceOfSatisfying(RetryPolicy.Final.class,
                f -> assertThat(f.detail()).isEqualTo("The call ended busy and all 5 attempts are used."));
    }

    @Test
    void unknownOutcomesAndBadPoliciesExplainThemselves() {
        assertThatThrownBy(() -> AttemptOutcome.of("hung-up")).hasMessageStartingWith("\"hung-up\" is not a call outcome");
        assertThatThrownBy(() -> new RetryPolicy(3, List.of())).hasMessageContaining("at least one delay");
        assertThatThrownBy(() -> new RetryPolicy(0, List.of(Duration.ofMinutes(1)))).hasMessageContaining("maxAttempts");
    }
}
