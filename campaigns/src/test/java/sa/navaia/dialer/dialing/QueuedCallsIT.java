package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.sandbox.LedgerEntry;

/**
 * At most once on what Twilio really returns: calls still waiting in the account's CPS queue have no
 * start time, so Twilio's {@code StartTime} filter does not list them; the resolver finds them by their
 * creation time, and nobody is dialed twice.
 */
class QueuedCallsIT {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void callsQueuedBehindTheAccountCpsWhenTheWorkerDiedAreFoundAndNobodyIsDialedTwice(TestDatabase kind) {
        // The sandbox account starts one call every 2 s: calls created together wait in its queue.
        try (DialHarness harness = new DialHarness(kind, 10, 0.5)) {
            Campaign campaign = harness.activeCampaign("queued", 20, 100, 1);
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                numbers.add(harness.contact(campaign.id(), DialHarness.INSIDE_ZONE, true));
            }
            ConfigurableApplicationContext died = harness.worker(50);
            CallAttemptRepository attempts = died.getBean(CallAttemptRepository.class);
            DialingContactRepository contacts = died.getBean(DialingContactRepository.class);
            CallPlacer placer = died.getBean(CallPlacer.class);
            List<OpenedAttempt> opened = new ArrayList<>();
            for (DueContact contact : contacts.duePage(campaign.id(), java.time.Instant.now(), 0, 10).subList(0, 5)) {
                opened.add(attempts.openDial(campaign, contact,
                        died.getBean(DialDecider.class).decide(campaign, contact), "died-run").orElseThrow());
            }
            // The worker dies mid-run: four calls created (and queued at Twilio), none recorded; the fifth never sent.
            for (OpenedAttempt attempt : opened.subList(0, 4)) {
                placer.place(attempt.phoneE164(), attempt.callerId(), attempt.sessionId(), campaign.id(), "None");
            }
            assertThat(harness.ledger()).filteredOn(e -> e.startedAt() == null).as("queued, not started").isNotEmpty();
            String queuedTo = harness.ledger().stream().filter(e -> e.startedAt() == null).map(LedgerEntry::to)
                    .findFirst().orElseThrow();
            TwilioRestClient client = died.getBean(TwilioRestClient.class);
            Iterable<Call> byStartTime = Call.reader().setTo(queuedTo)
                    .setStartTimeAfter(ZonedDateTime.now().minusMinutes(5)).read(client);
            assertThat(StreamSupport.stream(byStartTime.spliterator(), false).count())
                    .as("Twilio's StartTime filter does not see a queued call").isZero();

            ConfigurableApplicationContext next = harness.worker(50, "dialer.dial.resolve-grace=PT0S");
            AttemptResolver.Resolution resolution = next.getBean(AttemptResolver.class).resolveInFlight();

            assertThat(resolution).isEqualTo(new AttemptResolver.Resolution(4, 1, 0));
            assertThat(next.getBean(DialRuns.class).launch(campaign.id()).exitCode()).isEqualTo("COMPLETED");
            List<LedgerEntry> ledger = harness.ledger();
            assertThat(ledger).extracting(LedgerEntry::to).containsExactlyInAnyOrderElementsOf(numbers);
            assertThat(attempts.forCampaign(campaign.id())).filteredOn(a -> a.status().equals("placed"))
                    .extracting(a -> a.callSid().orElseThrow())
                    .containsExactlyInAnyOrderElementsOf(ledger.stream().map(LedgerEntry::callSid).toList());
        }
    }
}
