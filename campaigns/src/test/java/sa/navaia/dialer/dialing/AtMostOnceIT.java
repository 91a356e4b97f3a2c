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
    void aCreateCallWithoutAnAnswerIsResolvedByListingBeforeTheRunCompletes(TestDatabase kind) throws Exception {
        try (DialHarness harness = new DialHarness(kind, 10);
             DroppingProxy proxy = new DroppingProxy(harness.sandboxUri())) {
            Campaign campaign = harness.activeCampaign("dropped", 20, 100);
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                numbers.add(harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, true));
            }
            String dropped = numbers.get(2);
            proxy.dropAnswerToCreateCallTo(dropped);
            ConfigurableApplicationContext worker = harness.worker(proxy.port(), 50, "dialer.dial.resolve-grace=PT2S");
            DialRuns runs = worker.getBean(DialRuns.class);
            CallAttemptRepository attempts = worker.getBean(CallAttemptRepository.class);

            DialRuns.Outcome first = runs.launch(campaign.id());

            // The run waited for the unanswered attempt to pass the grace and resolved it before completing.
            assertThat(first.exitCode()).isEqualTo("COMPLETED");
            CallAttempt resolved = attempts.forCampaign(campaign.id()).stream()
                    .filter(a -> a.phoneE164().equals(dropped)).findFirst().orElseThrow();
            String sid = harness.ledger().stream().filter(e -> e.to().equals(dropped)).map(LedgerEntry::callSid)
                    .findFirst().orElseThrow();
            assertThat(resolved.status()).isEqualTo("placed");
            assertThat(resolved.callSid()).contains(sid);
            assertThat(harness.calledTimes(dropped)).as("the carrier has the call, once").isEqualTo(1);
            assertThat(harness.ledger()).hasSize(6);
            assertThat(harness.ledger().stream().map(LedgerEntry::to).distinct().count()).isEqualTo(6);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anAttemptWhoseCallNeverReachedTheCarrierIsReturnedToTheContactWhichIsDialedOnce(TestDatabase kind) {
        try (DialHarness harness = new DialHarness(kind, 10)) {
            // One attempt per contact: a returned attempt must not leave the contact 'attempts_exhausted'.
            Campaign campaign = harness.activeCampaign("crashed", 20, 100, 1);
            String phone = harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, true);
            ConfigurableApplicationContext worker = harness.worker(50, "dialer.dial.resolve-grace=PT0S");
            CallAttemptRepository attempts = worker.getBean(CallAttemptRepository.class);
            long contactId = harness.jdbc.sql("SELECT id FROM contacts").query(Long.class).single();
            DueContact contact = worker.getBean(DialingContactRepository.class).find(contactId).orElseThrow();
            // A crash between commit and API call: the attempt is committed 'dialing', no request was sent.
            OpenedAttempt opened = attempts.openDial(campaign, contact,
                    worker.getBean(DialDecider.class).decide(campaign, contact), "crashed-run").orElseThrow();

            worker.getBeansOfType(sa.navaia.dialer.app.WorkerStartup.class).values()
                    .forEach(sa.navaia.dialer.app.WorkerStartup::onWorkerStart);

            CallAttempt returned = attempts.find(opened.attemptId()).orElseThrow();
            assertThat(returned.status()).as("resolved when the worker starts").isEqualTo("not_placed");
            assertThat(returned.errorCode()).contains("not_found");
            assertThat(returned.reasonDetail()).hasValueSatisfying(detail ->
                    assertThat(detail).contains("the attempt was returned to the contact"));
            assertThat(harness.jdbc.sql("SELECT attempts_made FROM contacts").query(Integer.class).single())
                    .as("the attempt is given back").isZero();
            assertThat(harness.jdbc.sql("""
                    SELECT vs.status, c.status FROM voice_sessions vs JOIN calls c ON c.session_id = vs.id
                     WHERE vs.id = (SELECT session_id FROM call_attempts WHERE id = :id)""")
                    .param("id", opened.attemptId()).query((rs, row) -> rs.getString(1) + "/" + rs.getString(2)).single())
                    .as("no call exists, so its session and call row end instead of waiting for ever").isEqualTo("canceled/canceled");

            DialRuns.Outcome outcome = worker.getBean(DialRuns.class).launch(campaign.id());

            assertThat(outcome.exitCode()).isEqualTo("COMPLETED");
            assertThat(harness.calledTimes(phone)).isEqualTo(1);
            assertThat(attempts.forCampaign(campaign.id())).extracting(CallAttempt::attemptNumber, CallAttempt::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(java.util.Optional.of(1), "not_placed"),
                            org.assertj.core.groups.Tuple.tuple(java.util.Optional.of(2), "placed"));
            assertThat(harness.jdbc.sql("SELECT attempts_made FROM contacts").query(Integer.class).single()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCallWhoseFinalCallbackOutranItsCrashedWorkerStillGetsItsSidRecorded(TestDatabase kind) {
        try (DialHarness harness = new DialHarness(kind, 10)) {
            Campaign campaign = harness.activeCampaign("outran", 20, 100);
            harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, true);
            ConfigurableApplicationContext worker = harness.worker(50);
            CallAttemptRepository attempts = worker.getBean(CallAttemptRepository.class);
            long contactId = harness.jdbc.sql("SELECT id FROM contacts").query(Long.class).single();
            DueContact contact = worker.getBean(DialingContactRepository.class).find(contactId).orElseThrow();
            OpenedAttempt opened = attempts.openDial(campaign, contact,
                    worker.getBean(DialDecider.class).decide(campaign, contact), "crashed-run").orElseThrow();
            // Twilio created the call, then the worker died before recording it; the receiver applied the final callback.
            PlaceResult.Placed placed = (PlaceResult.Placed) worker.getBean(CallPlacer.class).place(opened.phoneE164(),
                    opened.callerId(), opened.sessionId(), campaign.id(), "None");
            var sessions = new sa.navaia.dialer.session.VoiceSessionRepository(harness.dataSource(), java.time.Clock.systemUTC());
            sessions.attachCallSid(opened.sessionId(), placed.callSid(), opened.callerId());
            sessions.recordAttemptOutcome(opened.sessionId(), "no-answer", null, null, java.time.Instant.now());
            assertThat(attempts.find(opened.attemptId()).orElseThrow().callSid()).isEmpty();

            worker.getBean(AttemptResolver.class).resolveInFlight();

            CallAttempt ended = attempts.find(opened.attemptId()).orElseThrow();
            assertThat(ended.status()).isEqualTo("ended");
            assertThat(ended.callSid()).contains(placed.callSid());
        }
    }
}
