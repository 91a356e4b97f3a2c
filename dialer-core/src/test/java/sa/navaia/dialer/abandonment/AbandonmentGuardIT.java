package sa.navaia.dialer.abandonment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;

/** The 30-day abandonment rate per campaign and the self-pause before it passes 3 %, on a fixed clock. */
public class AbandonmentGuardIT {

    private static final Instant NOW = Instant.parse("2026-07-15T19:00:00Z");

    /**
     * @param reached  calls a person answered that reached the agent
     * @param dropped  calls a person answered that never reached it
     * @param machines calls answered by a machine (never counted)
     * @param stale    abandoned calls older than 30 days (never counted)
     */
    record Case(int reached, int dropped, int machines, int stale, boolean pauses, String rate) {
    }

    static final List<Case> CASES = List.of(
            new Case(49, 1, 0, 0, false, "2.0 % (1 of 50"),
            new Case(48, 2, 0, 0, true, "4.0 % (2 of 50"),
            new Case(10, 1, 0, 0, false, "9.1 % (1 of 11"),
            new Case(10, 2, 0, 0, true, "16.7 % (2 of 12"),
            new Case(200, 4, 30, 9, false, "2.0 % (4 of 204"),
            new Case(195, 5, 0, 0, true, "2.5 % (5 of 200"),
            new Case(0, 0, 12, 0, false, "0.0 % (0 of 0"));

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCampaignPausesItselfBeforeItsThirtyDayRatePassesThreePercentAndMachinesDoNotCount(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            AbandonmentGuard guard = new AbandonmentGuard(db.dataSource(), clock);
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            SoftAssertions softly = new SoftAssertions();
            for (int i = 0; i < CASES.size(); i++) {
                Case c = CASES.get(i);
                Campaign campaign = campaigns.create(Campaign.draft("abandon-" + i, "support", "+19383362295", "US", NOW));
                campaigns.changeStatus(campaign.id(), CampaignStatus.DRAFT, CampaignStatus.ACTIVE);
                calls(jdbc, campaign.id(), c.reached(), "completed", "human", true, NOW.minus(Duration.ofDays(2)));
                calls(jdbc, campaign.id(), c.dropped(), "agent-unavailable", "human", false, NOW.minus(Duration.ofDays(29)));
                calls(jdbc, campaign.id(), c.machines(), "completed", "machine_end_beep", false, NOW.minus(Duration.ofHours(1)));
                calls(jdbc, campaign.id(), c.stale(), "agent-unavailable", "human", false, NOW.minus(Duration.ofDays(31)));

                softly.assertThat(guard.rate(campaign.id()).describe()).as(c.toString()).startsWith(c.rate());
                softly.assertThat(guard.check(campaign.id()).isPresent()).as(c.toString()).isEqualTo(c.pauses());
                softly.assertThat(campaigns.findById(campaign.id()).orElseThrow().status()).as(c.toString())
                        .isEqualTo(c.pauses() ? CampaignStatus.PAUSED : CampaignStatus.ACTIVE);
                softly.assertThat(guard.events(campaign.id())).as(c.toString()).hasSize(c.pauses() ? 1 : 0)
                        .allSatisfy(event -> {
                            assertThat(event.reasonCode()).isEqualTo("abandonment_rate");
                            assertThat(event.detail()).contains(c.rate()).contains("3 % limit");
                            assertThat(event.at()).isEqualTo(NOW);
                        });
            }
            softly.assertAll();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCallWhoseTranscriptIsOnItsWayIsNotAbandonedButOneThatNeverReachedElevenLabsIs(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            AbandonmentGuard guard = new AbandonmentGuard(db.dataSource(), clock);
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            Campaign campaign = campaigns.create(Campaign.draft("register-call", "support", "+19383362295", "US", NOW));
            campaigns.changeStatus(campaign.id(), CampaignStatus.DRAFT, CampaignStatus.ACTIVE);
            calls(jdbc, campaign.id(), 45, "completed", "human", true, NOW.minus(Duration.ofHours(2)));
            // Register-call (no <Dial>, so no leg status): ElevenLabs has the call, its post-call webhook not yet here.
            answered(jdbc, campaign.id(), 5, null, "CA_agent_", NOW.minusSeconds(60));

            assertThat(guard.rate(campaign.id()).describe()).startsWith("0.0 % (0 of 50");
            assertThat(guard.check(campaign.id())).isEmpty();

            // Answered, and nothing ever reached ElevenLabs: no leg status, no agent call SID, no conversation.
            answered(jdbc, campaign.id(), 2, null, null, NOW.minusSeconds(60));
            assertThat(guard.rate(campaign.id()).describe()).startsWith("3.8 % (2 of 52");
            assertThat(guard.check(campaign.id())).isPresent();
            assertThat(campaigns.findById(campaign.id()).orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);
        }
    }

    /** Calls a person answered that ended completed with no conversation yet: {@code leg} and {@code agentCallSid} as given. */
    public static void answered(JdbcClient jdbc, long campaignId, int count, String leg, String agentCallSidPrefix,
                                Instant endedAt) {
        for (int i = 0; i < count; i++) {
            String session = "vs_abandon_" + (++sequence);
            jdbc.sql("""
                    INSERT INTO voice_sessions (id, status, agent_name, customer_phone, created_at, campaign_id,
                                                dial_call_status, agent_call_sid, updated_at)
                    VALUES (:id, 'completed', 'support', '+19385550100', :at, :campaignId, :leg, :agentCallSid, :at)""")
                    .param("id", session).param("at", SqlTime.utc(endedAt)).param("campaignId", campaignId)
                    .param("leg", leg).param("agentCallSid", agentCallSidPrefix == null ? null : agentCallSidPrefix + session)
                    .update();
            jdbc.sql("""
                    INSERT INTO call_attempts (campaign_id, decision, reason_code, phone_e164, status, session_id, outcome,
                                               answered_by, decided_at)
                    VALUES (:campaignId, 'dial', 'eligible', '+19385550100', 'ended', :session, 'completed', 'human', :at)""")
                    .param("campaignId", campaignId).param("session", session).param("at", SqlTime.utc(endedAt.minusSeconds(90)))
                    .update();
        }
    }

    private static int sequence = 0;

    public static void calls(JdbcClient jdbc, long campaignId, int count, String outcome, String answeredBy, boolean reachedAgent,
                      Instant at) {
        for (int i = 0; i < count; i++) {
            String session = "vs_abandon_" + (++sequence);
            jdbc.sql("""
                    INSERT INTO voice_sessions (id, status, agent_name, customer_phone, created_at, campaign_id, conversation_id,
                                                dial_call_status, updated_at)
                    VALUES (:id, 'completed', 'support', '+19385550100', :at, :campaignId, :conversation, :leg, :at)""")
                    .param("id", session).param("at", SqlTime.utc(at)).param("campaignId", campaignId)
                    .param("conversation", reachedAgent ? "conv_" + session : null)
                    .param("leg", reachedAgent ? "completed" : "failed").update();
            jdbc.sql("""
                    INSERT INTO call_attempts (campaign_id, decision, reason_code, phone_e164, status, session_id, outcome,
                                               answered_by, decided_at)
                    VALUES (:campaignId, 'dial', 'eligible', '+19385550100', 'ended', :session, :outcome, :answeredBy, :at)""")
                    .param("campaignId", campaignId).param("session", session).param("outcome", outcome)
                    .param("answeredBy", answeredBy).param("at", SqlTime.utc(at)).update();
        }
    }
}
