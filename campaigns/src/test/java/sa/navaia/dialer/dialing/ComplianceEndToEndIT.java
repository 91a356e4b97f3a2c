package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import sa.navaia.dialer.abandonment.AbandonmentGuard;
import sa.navaia.dialer.abandonment.AbandonmentGuardIT;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.OptOuts;
import sa.navaia.dialer.postcall.PostCallPayload;
import sa.navaia.dialer.postcall.PostCallReconciler;
import sa.navaia.dialer.postcall.PostCallRepository;
import sa.navaia.dialer.registry.NationalRegistry;
import sa.navaia.dialer.sandbox.LedgerEntry;
import sa.navaia.dialer.session.CallOutcomeListener;
import sa.navaia.dialer.session.VoiceSessionRepository;

/**
 * Issue 19's end-to-end checks, through the real dial job, the real Twilio SDK and the sandbox's ledger: a stale
 * registry dials no US number, a campaign past the abandonment limit pauses itself before dialing, and an opt-out in a
 * payload that matched no session keeps the next call from that number.
 */
class ComplianceEndToEndIT {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aRegistryThirtyTwoDaysOldDialsNoUsNumberAndAFreshOneSkipsOnlyTheListedNumber(TestDatabase kind) {
        try (DialHarness harness = new DialHarness(kind, 20)) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            NationalRegistry registry = new NationalRegistry(harness.dataSource(), Clock.systemUTC());
            registry.importFull(new BufferedReader(new StringReader("212,9999999\n")), "full-212-old.txt", today.minusDays(32),
                    "test", lines -> { });
            Campaign stale = harness.activeCampaign("stale-registry", 20, 100);
            for (int i = 0; i < 5; i++) {
                harness.contact(stale.id(), DialHarness.INSIDE_ZONE, true);
            }
            harness.extraEnvironment.put("DIALER_NATIONAL_REGISTRY", "required");
            ConfigurableApplicationContext worker = harness.worker(50);

            worker.getBean(DialRuns.class).launch(stale.id());

            assertThat(harness.ledger()).as("no number of area code 212 dialed against its 32-day-old list").isEmpty();
            List<CallAttempt> skipped = worker.getBean(CallAttemptRepository.class).forCampaign(stale.id());
            assertThat(skipped).hasSize(5).allSatisfy(a -> assertThat(a.reasonCode()).isEqualTo("registry_stale"));
            assertThat(harness.jdbc.sql("SELECT DISTINCT registry_date FROM call_attempts WHERE campaign_id = :c")
                    .param("c", stale.id()).query(LocalDate.class).list()).containsExactly(today.minusDays(32));

            Campaign fresh = harness.activeCampaign("fresh-registry", 20, 100);
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                numbers.add(harness.contact(fresh.id(), DialHarness.INSIDE_ZONE, true));
            }
            String listed = numbers.get(0);
            registry.importFull(new BufferedReader(new StringReader(listed.substring(2, 5) + "," + listed.substring(5) + "\n")),
                    "full-212-fresh.txt", today.minusDays(1), "test", lines -> { });
            ConfigurableApplicationContext later = harness.worker(50);

            later.getBean(DialRuns.class).launch(fresh.id());

            assertThat(harness.ledger()).extracting(LedgerEntry::to).containsExactlyInAnyOrderElementsOf(numbers.subList(1, 4));
            assertThat(later.getBean(CallAttemptRepository.class).forCampaign(fresh.id()))
                    .filteredOn(a -> a.reasonCode().equals("national_do_not_call")).singleElement()
                    .satisfies(a -> assertThat(a.phoneE164()).isEqualTo(listed));
            assertThat(harness.jdbc.sql("SELECT COUNT(*) FROM call_attempts WHERE campaign_id = :c AND registry_date = :d")
                    .param("c", fresh.id()).param("d", today.minusDays(1)).query(Integer.class).single()).isEqualTo(4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCampaignPastTheAbandonmentLimitPausesItselfBeforeItDials(TestDatabase kind) {
        try (DialHarness harness = new DialHarness(kind, 20)) {
            Campaign campaign = harness.activeCampaign("abandoning", 20, 100);
            AbandonmentGuardIT.calls(harness.jdbc, campaign.id(), 46, "completed", "human", true,
                    java.time.Instant.now().minus(Duration.ofDays(2)));
            AbandonmentGuardIT.calls(harness.jdbc, campaign.id(), 2, "agent-unavailable", "human", false,
                    java.time.Instant.now().minus(Duration.ofDays(2)));
            for (int i = 0; i < 3; i++) {
                harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, true);
            }
            ConfigurableApplicationContext worker = harness.worker(50);

            worker.getBean(DialRuns.class).launch(campaign.id());

            assertThat(harness.ledger()).isEmpty();
            assertThat(new CampaignRepository(harness.dataSource(), Clock.systemUTC()).findById(campaign.id()).orElseThrow()
                    .status()).isEqualTo(CampaignStatus.PAUSED);
            assertThat(worker.getBean(AbandonmentGuard.class).events(campaign.id())).singleElement()
                    .satisfies(e -> assertThat(e.detail()).contains("4.2 % (2 of 48"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anOptOutInAPayloadThatMatchedNoSessionBlocksTheNextCallToThatNumber(TestDatabase kind) {
        try (DialHarness harness = new DialHarness(kind, 20)) {
            Campaign campaign = harness.activeCampaign("opted-out", 20, 100);
            String optedOut = harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, true);
            String other = harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, true);
            Clock clock = Clock.systemUTC();
            PostCallReconciler reconciler = new PostCallReconciler(new VoiceSessionRepository(harness.dataSource(), clock),
                    new PostCallRepository(harness.dataSource(), clock), new OptOuts(new DoNotCallRepository(harness.dataSource(), clock),
                    new CampaignPolicyRepository(harness.dataSource(), clock)), CallOutcomeListener.NONE, clock);
            PostCallReconciler.Result result = reconciler.reconcile(PostCallPayload.parse("""
                    {"type":"post_call_transcription","data":{"conversation_id":"conv_from_elsewhere","status":"done",
                     "transcript":[{"role":"user","message":"Please take me off your list."}],
                     "metadata":{"phone_call":{"external_number":"%s","call_sid":"CA_nobody_knows"}}}}""".formatted(optedOut)));
            assertThat(result.matched()).isFalse();
            ConfigurableApplicationContext worker = harness.worker(50);

            worker.getBean(DialRuns.class).launch(campaign.id());

            assertThat(harness.ledger()).extracting(LedgerEntry::to).containsExactly(other);
            assertThat(worker.getBean(CallAttemptRepository.class).forCampaign(campaign.id()))
                    .filteredOn(a -> a.phoneE164().equals(optedOut)).singleElement()
                    .satisfies(a -> assertThat(a.reasonCode()).isEqualTo("do_not_call_system"));
        }
    }

}
