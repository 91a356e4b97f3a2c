package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.eligibility.Decision;
import sa.navaia.dialer.eligibility.ReasonCode;

/** What a call's end does to its contact, on H2 and MariaDB; the campaign allows 3 attempts, backoff 60, 240 min. */
class ContactOutcomesIT {

    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    static Stream<Arguments> outcomes() {
        return Stream.of(TestDatabase.values()).flatMap(db -> Stream.of(
                Arguments.of(db, "busy", 1, "retry", null, Duration.ofMinutes(60)),
                Arguments.of(db, "no-answer", 2, "retry", null, Duration.ofMinutes(240)),
                Arguments.of(db, "voicemail", 1, "retry", null, Duration.ofMinutes(60)),
                Arguments.of(db, "failed", 3, "done", "failed", null),
                Arguments.of(db, "completed", 1, "done", "completed", null),
                Arguments.of(db, "opted-out", 1, "done", "opted-out", null),
                Arguments.of(db, "canceled", 1, "done", "canceled", null)));
    }

    @ParameterizedTest(name = "{1} after attempt {2} makes the contact {3} on {0}")
    @MethodSource("outcomes")
    void anEndedCallRetriesOrFinishesItsContact(TestDatabase kind, String outcome, int attempt, String status,
                                                String finalOutcome, Duration backoff) {
        try (TestDatabase.Migrated db = kind.create()) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            Campaign draft = Campaign.draft("outcomes", "support", "+19383362295", "US", NOW);
            Campaign campaign = campaigns.create(draft.withDialing(draft.allowedCountries(), draft.timeZone(),
                    draft.windowStart(), draft.windowEnd(), draft.allowedDays(), Optional.empty(), true, 3,
                    List.of(Duration.ofMinutes(60), Duration.ofMinutes(240)), Duration.ofMinutes(30), "Enable", 1, 10));
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            jdbc.sql("""
                    INSERT INTO contacts (campaign_id, phone_e164, consent, status, attempts_made, created_at, updated_at)
                    VALUES (:campaignId, '+12122002000', TRUE, 'retry', :made, :now, :now)""")
                    .param("campaignId", campaign.id()).param("made", attempt - 1)
                    .param("now", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC)).update();
            DialingContactRepository contacts = new DialingContactRepository(db.dataSource(), clock);
            DueContact due = contacts.duePage(campaign.id(), NOW, 0, 10).get(0);
            new CallAttemptRepository(db.dataSource(), clock).openDial(campaign, due, new Decision(Decision.Action.DIAL,
                    ReasonCode.ELIGIBLE, "test", Optional.empty(), Optional.empty(), Optional.empty()), "test").orElseThrow();
            ContactOutcomes outcomes = new ContactOutcomes(campaigns, contacts);

            assertThat(outcomes.callEnded(due.id(), outcome, NOW)).isTrue();
            assertThat(outcomes.callEnded(due.id(), outcome, NOW)).as("a duplicate changes nothing").isFalse();

            DueContact after = contacts.find(due.id()).orElseThrow();
            assertThat(after.status()).isEqualTo(status);
            assertThat(after.attemptsMade()).isEqualTo(attempt);
            assertThat(jdbc.sql("SELECT final_outcome FROM contacts").query(String.class).optional()).isEqualTo(Optional.ofNullable(finalOutcome));
            assertThat(after.nextAttemptAt().map(at -> Duration.between(NOW, at.truncatedTo(ChronoUnit.SECONDS))))
                    .isEqualTo(Optional.ofNullable(backoff));
        }
    }
}
