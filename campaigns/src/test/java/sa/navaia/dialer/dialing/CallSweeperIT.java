package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.sandbox.LedgerEntry;
import sa.navaia.dialer.sweep.CallSweeper;

/**
 * Every callback of a run is lost (the harness's stand-in receiver answers them and records nothing, as a receiver that
 * was down would leave them): the sweeper asks Twilio (the sandbox) about each call and applies what it says, so no
 * session stays live, every attempt gets the carrier's outcome, and each repair is kept as learned by polling.
 */
class CallSweeperIT {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void callsWhoseCallbacksWereLostAreEndedFromTwiliosAnswer(TestDatabase kind) throws Exception {
        try (DialHarness harness = new DialHarness(kind, 5)) {
            Campaign campaign = harness.activeCampaign("sweep-" + kind.name().toLowerCase(), 20, 1000);
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                numbers.add(harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, true));
            }
            ConfigurableApplicationContext worker = harness.worker(50, "dialer.sweep.call-quiet-for=PT0S",
                    "dialer.sweep.pace=PT0S");
            worker.getBean(DialRuns.class).launch(campaign.id());
            await().atMost(Duration.ofSeconds(60)).until(() -> harness.ledger().size() == numbers.size()
                    && harness.ledger().stream().allMatch(LedgerEntry::settled));
            // One transcript came while that call's final status never did: its session is transcribed, but its call and
            // attempt still wait for their end.
            String transcribedSid = harness.ledger().get(0).callSid();
            harness.jdbc.sql("UPDATE voice_sessions SET status = 'transcribed' WHERE call_sid = :sid")
                    .param("sid", transcribedSid).update();
            long unreported = live(harness, campaign);
            assertThat(unreported).as("calls nobody reported on").isEqualTo(numbers.size());

            // As the scheduled job does: pass after pass (a call quiet only since this very second waits for the next).
            java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                    ended.addAndGet(worker.getBean(CallSweeper.class).sweep().ended()) >= unreported);

            assertThat(ended.get()).isEqualTo(unreported);
            assertThat(live(harness, campaign)).isZero();
            for (LedgerEntry call : harness.ledger()) {
                Map<String, Object> row = harness.jdbc.sql("""
                        SELECT vs.status, c.status AS call_status, a.outcome, a.status AS attempt_status FROM voice_sessions vs
                          JOIN calls c ON c.session_id = vs.id JOIN call_attempts a ON a.session_id = vs.id
                         WHERE vs.call_sid = :sid""")
                        .param("sid", call.callSid()).query().singleRow();
                assertThat(row.get("call_status")).as("call of %s", call.to()).isEqualTo(call.status());
                assertThat(row.get("status")).as("session of %s", call.to())
                        .isEqualTo(call.callSid().equals(transcribedSid) ? "transcribed" : call.status());
                assertThat(row.get("attempt_status")).isEqualTo("ended");
                assertThat(row.get("outcome")).isNotNull();
            }
            assertThat(harness.jdbc.sql("""
                    SELECT COUNT(*) FROM webhook_inbox WHERE source = 'twilio' AND event_type = 'status-poll'
                       AND status = 'processed'""").query(Long.class).single())
                    .as("each repair kept as learned by polling").isEqualTo(unreported);
            assertThat(worker.getBean(CallSweeper.class).sweep().looked()).as("nothing left to sweep").isZero();
        }
    }

    private static long live(DialHarness harness, Campaign campaign) {
        return harness.jdbc.sql("""
                SELECT COUNT(*) FROM calls c JOIN voice_sessions vs ON vs.id = c.session_id WHERE vs.campaign_id = :campaign
                   AND c.status IN ('created', 'queued', 'initiated', 'ringing', 'in-progress')""")
                .param("campaign", campaign.id()).query(Long.class).single();
    }
}
