package sa.navaia.dialer.dnc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignPolicy;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.postcall.PostCallPayload;
import sa.navaia.dialer.postcall.PostCallReconciler;
import sa.navaia.dialer.postcall.PostCallRepository;
import sa.navaia.dialer.session.CallOutcomeListener;
import sa.navaia.dialer.session.NewSession;
import sa.navaia.dialer.session.SessionStatus;
import sa.navaia.dialer.session.VoiceSessionRepository;

/** An opt-out said in a call reaches the lists, whether its payload matched a session or not. */
class OptOutIT {

    private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private static String payload(String conversationId, String number, String callSid, String declaredIntent) {
        return """
                {"type":"post_call_transcription",
                 "data":{"agent_id":"a1","conversation_id":"%s","status":"done",
                  "transcript":[{"role":"agent","message":"Would Monday suit you?"},
                                {"role":"user","message":"Monday is fine. And after that, please stop calling me."}],
                  "metadata":{"start_time_unix_secs":1795532400,"call_duration_secs":30,
                              "phone_call":{"direction":"outbound","external_number":"%s","call_sid":"%s"}},
                  "analysis":{"data_collection_results":{"intent":{"value":"%s"}}}}}"""
                .formatted(conversationId, number, callSid, declaredIntent);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anOptOutInAPayloadThatMatchesNoSessionPutsItsNumberOnTheSystemList(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            DoNotCallRepository dnc = new DoNotCallRepository(db.dataSource(), clock);
            PostCallReconciler reconciler = reconciler(db, dnc);

            PostCallReconciler.Result result = reconciler.reconcile(PostCallPayload.parse(
                    payload("conv_lost", "+19385559999", "CA_unknown", "booking")));

            assertThat(result.matched()).isFalse();
            assertThat(result.detail()).contains("+1938***9999 is on the system do-not-call list");
            assertThat(dnc.listing("+19385559999", 42)).contains(DoNotCallScope.SYSTEM);
            assertThat(dnc.entriesOf("+19385559999")).singleElement().satisfies(entry -> {
                assertThat(entry.source()).isEqualTo("opt-out");
                assertThat(entry.addedBy()).contains(OptOuts.ADDED_BY);
                assertThat(entry.reason().orElseThrow()).contains("conv_lost").contains("matched no session");
                assertThat(entry.addedAt()).isEqualTo(NOW);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anOptOutSaidInACallBeatsTheBookingTheAgentDeclaredAndFollowsTheCampaignsScope(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            DoNotCallRepository dnc = new DoNotCallRepository(db.dataSource(), clock);
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            long scoped = campaigns.create(Campaign.draft("scoped", "support", "+19383362295", "US", NOW)).id();
            long plain = campaigns.create(Campaign.draft("plain", "support", "+19383362295", "US", NOW)).id();
            new CampaignPolicyRepository(db.dataSource(), clock).save(new CampaignPolicy(scoped,
                    CampaignPolicy.OptOutScope.SYSTEM_AND_CAMPAIGN, Map.of(), CampaignPolicy.VoicemailPolicy.HANGUP, Optional.empty()));
            VoiceSessionRepository sessions = new VoiceSessionRepository(db.dataSource(), clock);
            sessions.create(new NewSession("vs_scoped", "support", "+19385550001", null, scoped, null, null, null));
            sessions.create(new NewSession("vs_plain", "support", "+19385550002", null, plain, null, null, null));
            sessions.attachCallSid("vs_scoped", "CA_scoped", "+19383362295");
            sessions.attachCallSid("vs_plain", "CA_plain", "+19383362295");
            sessions.advance("vs_scoped", SessionStatus.COMPLETED);
            sessions.advance("vs_plain", SessionStatus.COMPLETED);
            PostCallReconciler reconciler = reconciler(db, dnc);

            PostCallReconciler.Result first = reconciler.reconcile(PostCallPayload.parse(
                    payload("conv_1", "+19385550001", "CA_scoped", "booking")));
            reconciler.reconcile(PostCallPayload.parse(payload("conv_2", "+19385550002", "CA_plain", "booking")));

            assertThat(first.intent()).isEqualTo("opt_out");
            assertThat(dnc.entriesOf("+19385550001")).extracting(DoNotCallEntry::scope)
                    .containsExactlyInAnyOrder(DoNotCallScope.SYSTEM, DoNotCallScope.campaign(scoped));
            assertThat(dnc.entriesOf("+19385550002")).extracting(DoNotCallEntry::scope).containsExactly(DoNotCallScope.SYSTEM);
            assertThat(dnc.entriesOf("+19385550001")).allSatisfy(e -> assertThat(e.sessionId()).contains("vs_scoped"));
        }
    }

    private PostCallReconciler reconciler(TestDatabase.Migrated db, DoNotCallRepository dnc) {
        return new PostCallReconciler(new VoiceSessionRepository(db.dataSource(), clock),
                new PostCallRepository(db.dataSource(), clock),
                new OptOuts(dnc, new CampaignPolicyRepository(db.dataSource(), clock)), CallOutcomeListener.NONE, clock);
    }
}
