package sa.navaia.dialer.webhook.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
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
import sa.navaia.dialer.sandbox.CallScript;
import sa.navaia.dialer.sandbox.LedgerEntry;
import sa.navaia.dialer.sandbox.Outcome;
import sa.navaia.dialer.sandbox.Sandbox;
import sa.navaia.dialer.twilio.TwilioClients;
import sa.navaia.dialer.webhook.ReceiverHarness;

/**
 * Through the real sandbox: a person answers, the agent's leg rings out, the person hears the campaign's
 * identification message and presses 9; the number is then on the do-not-call list, and the next call to it is refused.
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

            Call call = Call.creator(new PhoneNumber(PERSON), new PhoneNumber(receiver.settings.twilio().phoneNumber()),
                            URI.create(receiver.settings.receiver().apiUrl() + "/api/twilio/connect/" + session))
                    .setStatusCallback(URI.create(receiver.settings.receiver().apiUrl() + "/api/twilio/status/" + session))
                    .create(TwilioClients.create(sandbox.twilioSettings(receiver.settings.twilio().phoneNumber())));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.call(call.getSid()).orElseThrow().settled());
            LedgerEntry heard = sandbox.call(call.getSid()).orElseThrow();

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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
