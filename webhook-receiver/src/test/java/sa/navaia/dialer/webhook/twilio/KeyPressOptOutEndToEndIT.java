package sa.navaia.dialer.webhook.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.campaign.CampaignPolicy;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.dialing.CallPlacer;
import sa.navaia.dialer.dialing.PlaceResult;
import sa.navaia.dialer.sandbox.CallScript;
import sa.navaia.dialer.sandbox.LedgerEntry;
import sa.navaia.dialer.sandbox.Outcome;
import sa.navaia.dialer.sandbox.Sandbox;
import sa.navaia.dialer.twilio.TwilioClients;
import sa.navaia.dialer.webhook.ReceiverHarness;

/**
 * Through the real sandbox, calls placed as the dialer places them: a person answers, the agent's leg rings out, the
 * person hears the campaign's identification message and presses 9; the number is then on the do-not-call list, and the
 * next call to it is refused. The same while the database is down.
 */
class KeyPressOptOutEndToEndIT {

    private static final String PERSON = "+19385553001";
    private static final String MESSAGE = CampaignPolicy.defaultIdentification("Acme Inc.", "938-336-2295");

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aPersonWhoPressesNineIsListedAndNotCalledAgain(TestDatabase kind) {
        int receiverPort = freePort();
        try (ReceiverHarness receiver = ReceiverHarness.start(kind, Map.of("DIALER_PORT", String.valueOf(receiverPort),
                "API_URL", "http://127.0.0.1:" + receiverPort, "DIALER_SANDBOX_PORT", String.valueOf(freePort()),
                "DIALER_SANDBOX_TIME_SCALE", "1000", "DIALER_SANDBOX_API_LATENCY_MS", "0"));
             Sandbox sandbox = Sandbox.forDialer(receiver.settings).build().start()) {
            String session = VoicemailPolicyIT.sessionUnder(receiver, PERSON, CampaignPolicy.VoicemailPolicy.HANGUP, null,
                    Optional.of(MESSAGE), CampaignPolicy.OptOutScope.SYSTEM_AND_CAMPAIGN);
            sandbox.script(PERSON, CallScript.of(Outcome.COMPLETED).agentLeg("no-answer").pressesThePromptedKey());

            String callSid = place(receiver, sandbox, PERSON, session);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.call(callSid).orElseThrow().settled());
            LedgerEntry heard = sandbox.call(callSid).orElseThrow();

            assertThat(heard.agentLegStatus()).isEqualTo("no-answer");
            assertThat(heard.keysPressed()).containsExactly(TwiML.OPT_OUT_KEY);
            assertThat(heard.heard()).containsExactly(MESSAGE, TwiML.OPT_OUT_PROMPT,
                    "You have been added to our do-not-call list. Goodbye.");
            assertThat(heard.errorCode()).isNull();
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(receiver.count(
                    "SELECT COUNT(*) FROM dnc_numbers WHERE phone_e164 = ? AND added_by = 'key-press'", PERSON)).isEqualTo(2));
            assertThat(receiver.text("SELECT identification_message FROM call_attempts WHERE session_id = ?", session))
                    .isEqualTo(MESSAGE);
            assertThat(receiver.text("SELECT key_press_opt_out_at FROM call_attempts WHERE session_id = ?", session))
                    .isNotNull();

            HttpResponse<String> next = receiver.send(HttpRequest.newBuilder(receiver.uri("/api/calls/initiate"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + JWT.create().withSubject("ops")
                            .withExpiresAt(Instant.now().plusSeconds(600))
                            .sign(Algorithm.HMAC256(receiver.settings.receiver().jwtSecret())))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"customer_id\":\"c-1\",\"phone\":\"" + PERSON
                            + "\",\"agent_type\":\"support\",\"consent\":{\"basis\":\"express_written\",\"source\":\"web\","
                            + "\"captured_at\":\"2026-01-02T03:04:05Z\",\"text_version\":\"v1\",\"method\":\"web_form\"}}"))
                    .build());

            assertThat(next.statusCode()).as(next.body()).isEqualTo(409);
            assertThat(next.body()).contains("do-not-call");
            assertThat(sandbox.ledger()).filteredOn(entry -> entry.to().equals(PERSON)).hasSize(1);
        }
    }

    /**
     * The database is down from before the person answers until after they hung up: the connect is journaled, and the
     * campaign named in the connect URL the dialer gave Twilio is how the receiver still says the campaign's message
     * (kept in memory since an earlier call of the campaign) and takes the key press; both are recorded on the attempt
     * once the database is back.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void whileTheDatabaseIsDownTheConnectUrlsCampaignGivesTheMessageAndTheOptOut(TestDatabase kind) {
        int receiverPort = freePort();
        String person = "+19385553002";
        try (ReceiverHarness receiver = ReceiverHarness.start(kind, Map.of("DIALER_PORT", String.valueOf(receiverPort),
                "API_URL", "http://127.0.0.1:" + receiverPort, "DIALER_SANDBOX_PORT", String.valueOf(freePort()),
                "DIALER_SANDBOX_TIME_SCALE", "1000", "DIALER_SANDBOX_API_LATENCY_MS", "0"));
             Sandbox sandbox = Sandbox.forDialer(receiver.settings).build().start()) {
            String earlier = VoicemailPolicyIT.sessionUnder(receiver, "+19385553003", CampaignPolicy.VoicemailPolicy.HANGUP,
                    null, Optional.of(MESSAGE), CampaignPolicy.OptOutScope.SYSTEM);
            String session = VoicemailPolicyIT.sessionOf(receiver, campaignOf(receiver, earlier), person);
            sandbox.script("+19385553003", CallScript.of(Outcome.COMPLETED));
            String earlierSid = place(receiver, sandbox, "+19385553003", earlier);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.call(earlierSid).orElseThrow().settled());
            assertThat(sandbox.call(earlierSid).orElseThrow().reachedAgent()).as("the earlier call reached the agent").isTrue();
            sandbox.script(person, CallScript.of(Outcome.COMPLETED).agentLeg("busy").pressesThePromptedKey());

            LedgerEntry heard;
            receiver.dataSource.setDown(true);
            try {
                String callSid = place(receiver, sandbox, person, session);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.call(callSid).orElseThrow().settled());
                heard = sandbox.call(callSid).orElseThrow();
                assertThat(receiver.journalSegments()).isPositive();
            } finally {
                receiver.dataSource.setDown(false);
            }

            assertThat(heard.heard()).containsExactly(MESSAGE, TwiML.OPT_OUT_PROMPT,
                    "You have been added to our do-not-call list. Goodbye.");
            assertThat(heard.errorCode()).isNull();
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(receiver.text("SELECT identification_message FROM call_attempts WHERE session_id = ?", session))
                        .isEqualTo(MESSAGE);
                assertThat(receiver.text("SELECT key_press_opt_out_at FROM call_attempts WHERE session_id = ?", session))
                        .isNotNull();
                assertThat(receiver.count("SELECT COUNT(*) FROM dnc_numbers WHERE phone_e164 = ? AND scope = 'system'"
                        + " AND added_by = 'key-press'", person)).isEqualTo(1);
            });
        }
    }

    /** Places the call as the dialer does ({@link CallPlacer}: its connect URL names the session's campaign). */
    private static String place(ReceiverHarness receiver, Sandbox sandbox, String to, String session) {
        String callerId = receiver.settings.twilio().phoneNumber();
        PlaceResult placed = new CallPlacer(TwilioClients.create(sandbox.twilioSettings(callerId)),
                receiver.settings.receiver().apiUrl()).place(to, callerId, session, campaignOf(receiver, session), "None");
        assertThat(placed).isInstanceOf(PlaceResult.Placed.class);
        return ((PlaceResult.Placed) placed).callSid();
    }

    private static long campaignOf(ReceiverHarness receiver, String session) {
        return receiver.jdbc.sql("SELECT campaign_id FROM voice_sessions WHERE id = :id").param("id", session)
                .query(Long.class).single();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
