package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.sandbox.LedgerEntry;

/** A create-call without an answer is never retried blind: the resolver finds the call by listing. */
class AtMostOnceIT {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCreateCallWithoutAnAnswerStaysUnknownAndTheResolverFindsTheCallByListing(TestDatabase kind) throws Exception {
        try (DialHarness harness = new DialHarness(kind, 10);
             DroppingProxy proxy = new DroppingProxy(harness.sandboxUri())) {
            Campaign campaign = harness.activeCampaign("dropped", 20, 100);
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                numbers.add(harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, true));
            }
            String dropped = numbers.get(2);
            proxy.dropAnswerToCreateCallTo(dropped);
            ConfigurableApplicationContext worker = harness.worker(proxy.port(), 50);
            DialRuns runs = worker.getBean(DialRuns.class);
            CallAttemptRepository attempts = worker.getBean(CallAttemptRepository.class);

            DialRuns.Outcome first = runs.launch(campaign.id());

            assertThat(first.exitCode()).isEqualTo("COMPLETED");
            CallAttempt unknown = attempts.forCampaign(campaign.id()).stream()
                    .filter(a -> a.phoneE164().equals(dropped)).findFirst().orElseThrow();
            assertThat(unknown.status()).isEqualTo("unknown");
            assertThat(harness.calledTimes(dropped)).as("the carrier has the call").isEqualTo(1);

            // A run of another date finds nothing due: the contact is still 'dialing' until resolved.
            assertThat(runs.launch(campaign.id(), runs.today(campaign).plusDays(1), "1").exitCode()).isEqualTo("COMPLETED");
            assertThat(harness.calledTimes(dropped)).isEqualTo(1);

            AttemptResolver.Verdict verdict = worker.getBean(AttemptResolver.class).resolve(unknown);

            assertThat(verdict).isEqualTo(AttemptResolver.Verdict.PLACED);
            String sid = harness.ledger().stream().filter(e -> e.to().equals(dropped)).map(LedgerEntry::callSid)
                    .findFirst().orElseThrow();
            assertThat(attempts.find(unknown.id()).orElseThrow().callSid()).contains(sid);
            assertThat(attempts.find(unknown.id()).orElseThrow().status()).isEqualTo("placed");
            assertThat(harness.ledger()).hasSize(6);
            assertThat(harness.ledger().stream().map(LedgerEntry::to).distinct().count()).isEqualTo(6);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anAttemptWhoseCallNeverReachedTheCarrierIsResolvedNotPlacedAndDialedAgainOnce(TestDatabase kind) {
        try (DialHarness harness = new DialHarness(kind, 10)) {
            Campaign campaign = harness.activeCampaign("crashed", 20, 100);
            String phone = harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, true);
            ConfigurableApplicationContext worker = harness.worker(50, "dialer.dial.resolve-grace=PT0S");
            CallAttemptRepository attempts = worker.getBean(CallAttemptRepository.class);
            DueContact contact = worker.getBean(DialingContactRepository.class).find(
                    harness.jdbc.sql("SELECT id FROM contacts").query(Long.class).single()).orElseThrow();
            // A crash between commit and API call: the attempt is committed 'dialing', no request was sent.
            OpenedAttempt opened = attempts.openDial(campaign, contact,
                    worker.getBean(DialDecider.class).decide(campaign, contact), "crashed-run").orElseThrow();

            worker.getBeansOfType(sa.navaia.dialer.app.WorkerStartup.class).values()
                    .forEach(sa.navaia.dialer.app.WorkerStartup::onWorkerStart);

            assertThat(attempts.find(opened.attemptId()).orElseThrow().status())
                    .as("resolved when the worker starts").isEqualTo("not_placed");
            DialRuns.Outcome outcome = worker.getBean(DialRuns.class).launch(campaign.id());
            assertThat(outcome.exitCode()).isEqualTo("COMPLETED");
            assertThat(harness.calledTimes(phone)).isEqualTo(1);
            assertThat(attempts.forCampaign(campaign.id())).extracting(CallAttempt::attemptNumber, CallAttempt::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(java.util.Optional.of(1), "not_placed"),
                            org.assertj.core.groups.Tuple.tuple(java.util.Optional.of(2), "placed"));
        }
    }
}
