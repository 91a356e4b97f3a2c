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
import org.junit.jupiter.params.ParameterizedTest;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.abandonment.AbandonmentGuard;
import sa.navaia.dialer.session.VoiceSession;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.eligibility.Decision;
import sa.navaia.dialer.eligibility.ReasonCode;

/** What a call's end does to its contact, on H2 and MariaDB; the campaign allows 3 attempts, backoff 60, 240 min. */
class ContactOutcomesIT {

    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    record Case(String outcome, int attempt, String status, String finalOutcome, Duration backoff) {
    }

    static final List<Case> CASES = List.of(
            new Case("busy", 1, "retry", null, Duration.ofMinutes(60)),
            new Case("no-answer", 2, "retry", null, Duration.ofMinutes(240)),
            new Case("voicemail", 1, "retry", null, Duration.ofMinutes(60)),
            new Case("failed", 3, "done", "failed", null),
            new Case("completed", 1, "done", "completed", null),
            new Case("opted-out", 1, "done", "opted-out", null),
            new Case("canceled", 1, "done", "canceled", null));

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anEndedCallRetriesItsContactAfterTheBackoffWhileAttemptsRemainElseFinishesIt(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            Campaign draft = Campaign.draft("outcomes", "support", "+19383362295", "US", NOW);
            Campaign campaign = campaigns.create(draft.withDialing(draft.allowedCountries(), draft.timeZone(),
                    draft.windowStart(), draft.windowEnd(), draft.allowedDays(), Optional.empty(), true, 3,
                    List.of(Duration.ofMinutes(60), Duration.ofMinutes(240)), Duration.ofMinutes(30), "Enable", 1, 10));
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            DialingContactRepository contacts = new DialingContactRepository(db.dataSource(), clock);
            CallAttemptRepository attempts = new CallAttemptRepository(db.dataSource(), clock);
            ContactOutcomes outcomes = new ContactOutcomes(campaigns, new CampaignPolicyRepository(db.dataSource(), clock), contacts,
                    new AbandonmentGuard(db.dataSource(), clock));
            SoftAssertions softly = new SoftAssertions();
            for (int i = 0; i < CASES.size(); i++) {
                Case c = CASES.get(i);
                jdbc.sql("""
                        INSERT INTO contacts (campaign_id, phone_e164, consent, status, attempts_made, created_at, updated_at)
                        VALUES (:campaignId, :phone, TRUE, 'retry', :made, :now, :now)""")
                        .param("campaignId", campaign.id()).param("phone", "+1212200200" + i).param("made", c.attempt() - 1)
                        .param("now", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC)).update();
                long id = jdbc.sql("SELECT id FROM contacts WHERE phone_e164 = :phone").param("phone", "+1212200200" + i)
                        .query(Long.class).single();
                DueContact due = contacts.find(id).orElseThrow();
                attempts.openDial(campaign, due, new Decision(Decision.Action.DIAL, ReasonCode.ELIGIBLE, "test",
                        Optional.empty(), Optional.empty(), Optional.empty()), "test").orElseThrow();

                softly.assertThat(outcomes.callEnded(id, c.outcome(), NOW)).as(c.toString()).isTrue();
                softly.assertThat(outcomes.callEnded(id, c.outcome(), NOW)).as("a duplicate changes nothing: " + c).isFalse();
                DueContact after = contacts.find(id).orElseThrow();
                softly.assertThat(after.status()).as(c.toString()).isEqualTo(c.status());
                softly.assertThat(after.attemptsMade()).as(c.toString()).isEqualTo(c.attempt());
                softly.assertThat(jdbc.sql("SELECT final_outcome FROM contacts WHERE id = :id").param("id", id)
                        .query(String.class).optional()).as(c.toString()).isEqualTo(Optional.ofNullable(c.finalOutcome()));
                softly.assertThat(after.nextAttemptAt().map(at -> Duration.between(NOW, at.truncatedTo(ChronoUnit.SECONDS))))
                        .as(c.toString()).isEqualTo(Optional.ofNullable(c.backoff()));
            }
            softly.assertAll();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anOutcomeWithItsOwnRuleCountsItsOwnEndingsAndWaitsItsOwnDelays(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            Campaign draft = Campaign.draft("per-outcome", "support", "+19383362295", "US", NOW);
            Campaign campaign = campaigns.create(draft.withDialing(draft.allowedCountries(), draft.timeZone(),
                    draft.windowStart(), draft.windowEnd(), draft.allowedDays(), Optional.empty(), true, 6,
                    List.of(Duration.ofMinutes(60)), Duration.ofMinutes(5), "DetectMessageEnd", 1, 10));
            CampaignPolicyRepository policies = new CampaignPolicyRepository(db.dataSource(), clock);
            policies.save(new sa.navaia.dialer.campaign.CampaignPolicy(campaign.id(),
                    sa.navaia.dialer.campaign.CampaignPolicy.OptOutScope.SYSTEM,
                    sa.navaia.dialer.eligibility.OutcomeRetry.parseRules("busy=3:10,30;voicemail=1:1440"),
                    sa.navaia.dialer.campaign.CampaignPolicy.VoicemailPolicy.HANGUP, Optional.empty()));
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            DialingContactRepository contacts = new DialingContactRepository(db.dataSource(), clock);
            CallAttemptRepository attempts = new CallAttemptRepository(db.dataSource(), clock);
            ContactOutcomes outcomes = new ContactOutcomes(campaigns, policies, contacts, new AbandonmentGuard(db.dataSource(), clock));

            long twiceBusy = contactWithEndedAttempts(jdbc, contacts, attempts, campaign, "+12122002001", "busy");
            long voicemail = contactWithEndedAttempts(jdbc, contacts, attempts, campaign, "+12122002002", "voicemail");
            long noAnswer = contactWithEndedAttempts(jdbc, contacts, attempts, campaign, "+12122002003", "no-answer");

            assertThat(outcomes.callEnded(twiceBusy, "busy", NOW)).isTrue();
            assertThat(contacts.find(twiceBusy).orElseThrow().nextAttemptAt()).contains(NOW.plus(Duration.ofMinutes(30)));
            assertThat(outcomes.callEnded(voicemail, "voicemail", NOW)).isTrue();
            assertThat(contacts.find(voicemail).orElseThrow().status()).isEqualTo("done");
            assertThat(outcomes.callEnded(noAnswer, "no-answer", NOW)).isTrue();
            assertThat(contacts.find(noAnswer).orElseThrow().nextAttemptAt()).contains(NOW.plus(Duration.ofMinutes(60)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCallThatCrossesTheAbandonmentLimitPausesItsCampaignWithTheReason(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            Campaign campaign = active(campaigns, "abandoning");
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            sa.navaia.dialer.abandonment.AbandonmentGuardIT.calls(jdbc, campaign.id(), 47, "completed", "human", true,
                    NOW.minus(Duration.ofDays(3)));
            sa.navaia.dialer.abandonment.AbandonmentGuardIT.calls(jdbc, campaign.id(), 1, "agent-unavailable", "human", false,
                    NOW.minus(Duration.ofDays(3)));
            DialingContactRepository contacts = new DialingContactRepository(db.dataSource(), clock);
            AbandonmentGuard guard = new AbandonmentGuard(db.dataSource(), clock);
            ContactOutcomes outcomes = new ContactOutcomes(campaigns, new CampaignPolicyRepository(db.dataSource(), clock),
                    contacts, guard);
            long contact = contactWithEndedAttempts(jdbc, contacts, new CallAttemptRepository(db.dataSource(), clock), campaign,
                    "+12122002009", "agent-unavailable");

            assertThat(campaigns.findById(campaign.id()).orElseThrow().status()).isEqualTo(sa.navaia.dialer.campaign.CampaignStatus.ACTIVE);
            outcomes.callEnded(contact, "agent-unavailable", NOW);

            assertThat(campaigns.findById(campaign.id()).orElseThrow().status()).isEqualTo(sa.navaia.dialer.campaign.CampaignStatus.PAUSED);
            assertThat(guard.events(campaign.id())).singleElement()
                    .satisfies(event -> assertThat(event.detail()).startsWith("The abandonment rate over the last 30 days is 6.0 % (3 of 50"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCallAnsweredThatNeverReachedTheAgentChecksTheRateThoughItEndedCompleted(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            Campaign campaign = active(campaigns, "no-twiml");
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            sa.navaia.dialer.abandonment.AbandonmentGuardIT.calls(jdbc, campaign.id(), 47, "completed", "human", true,
                    NOW.minus(Duration.ofDays(3)));
            // Three calls answered while the receiver was down: Twilio never got the TwiML that hands them to the agent.
            sa.navaia.dialer.abandonment.AbandonmentGuardIT.answered(jdbc, campaign.id(), 3, null, null,
                    NOW.minusSeconds(60));
            AbandonmentGuard guard = new AbandonmentGuard(db.dataSource(), clock);
            ContactOutcomes outcomes = new ContactOutcomes(campaigns, new CampaignPolicyRepository(db.dataSource(), clock),
                    new DialingContactRepository(db.dataSource(), clock), guard);
            VoiceSession reachedTheAgent = session(campaign.id(), "human", Optional.of("conv_1"), Optional.of("CA_agent_1"));
            VoiceSession machine = session(campaign.id(), "machine_end_beep", Optional.empty(), Optional.empty());

            outcomes.callEnded(reachedTheAgent, "completed", NOW);
            outcomes.callEnded(machine, "completed", NOW);
            assertThat(guard.events(campaign.id())).as("the rate is looked at only for a call that may be abandoned").isEmpty();

            outcomes.callEnded(session(campaign.id(), "human", Optional.empty(), Optional.empty()), "completed", NOW);
            assertThat(campaigns.findById(campaign.id()).orElseThrow().status()).isEqualTo(sa.navaia.dialer.campaign.CampaignStatus.PAUSED);
            assertThat(guard.events(campaign.id())).singleElement()
                    .satisfies(event -> assertThat(event.detail()).startsWith("The abandonment rate over the last 30 days is 6.0 % (3 of 50"));
        }
    }

    private static Campaign active(CampaignRepository campaigns, String name) {
        Campaign draft = campaigns.create(Campaign.draft(name, "support", "+19383362295", "US", NOW));
        campaigns.changeStatus(draft.id(), sa.navaia.dialer.campaign.CampaignStatus.DRAFT,
                sa.navaia.dialer.campaign.CampaignStatus.ACTIVE);
        return campaigns.findById(draft.id()).orElseThrow();
    }

    private static VoiceSession session(long campaignId, String answeredBy, Optional<String> conversationId,
                                        Optional<String> agentCallSid) {
        return new VoiceSession("vs_ended", sa.navaia.dialer.session.SessionStatus.COMPLETED, "support", "+12122002010",
                Optional.empty(), Optional.of(campaignId), Optional.empty(), Optional.empty(), Optional.of("CA_ended"),
                conversationId, Optional.empty(), Optional.of(answeredBy), Optional.of(30), Optional.empty(), Optional.empty(),
                agentCallSid, NOW, NOW);
    }

    /** A contact on its second attempt, dialing; both attempts ended {@code outcome} (the second just now). */
    private static long contactWithEndedAttempts(JdbcClient jdbc, DialingContactRepository contacts, CallAttemptRepository attempts,
                                                 Campaign campaign, String phone, String outcome) {
        jdbc.sql("""
                INSERT INTO contacts (campaign_id, phone_e164, consent, status, attempts_made, created_at, updated_at)
                VALUES (:campaignId, :phone, TRUE, 'retry', 0, :now, :now)""")
                .param("campaignId", campaign.id()).param("phone", phone).param("now", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC)).update();
        long id = jdbc.sql("SELECT id FROM contacts WHERE phone_e164 = :phone").param("phone", phone).query(Long.class).single();
        for (int attempt = 0; attempt < 2; attempt++) {
            jdbc.sql("UPDATE contacts SET status = 'retry' WHERE id = :id").param("id", id).update();
            attempts.openDial(campaign, contacts.find(id).orElseThrow(), new Decision(Decision.Action.DIAL, ReasonCode.ELIGIBLE,
                    "test", Optional.empty(), Optional.empty(), Optional.empty()), "test").orElseThrow();
        }
        jdbc.sql("UPDATE call_attempts SET outcome = :outcome, status = 'ended' WHERE contact_id = :id")
                .param("outcome", outcome).param("id", id).update();
        return id;
    }
}
