package sa.navaia.dialer.webhook.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.campaign.CampaignPolicy;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.twilio.ConnectionOverrides;
import sa.navaia.dialer.webhook.Harnesses;
import sa.navaia.dialer.webhook.ReceiverHarness;

/**
 * A person whom no agent reached hears the identification message inside a {@code <Gather>}; pressing the opt-out key
 * (posted as Twilio posts a {@code <Gather action>}, signed) lists the number and is recorded on the attempt, even while
 * the database is down.
 */
class KeyPressOptOutIT {

    private static final String MESSAGE = CampaignPolicy.defaultIdentification("Acme Inc.", "938-336-2295");
    private static final Harnesses harnesses = new Harnesses();

    @AfterAll
    static void stopServers() {
        harnesses.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void pressingTheOptOutKeyListsTheNumberOnTheSystemAndCampaignListsAndRecordsItOnTheAttempt(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String phone = "+19385552001";
        String session = identifiedSession(receiver, phone, CampaignPolicy.OptOutScope.SYSTEM_AND_CAMPAIGN);

        HttpResponse<String> identified = VoicemailPolicyIT.dialResult(receiver, session, "no-answer");
        HttpResponse<String> pressed = pressed(receiver, session, phone, "9");

        assertThat(identified.body()).contains("<Gather", "action=\"" + ReceiverHarness.API_URL + "/api/twilio/opt-out/"
                + session, "numDigits=\"1\"", "<Say>" + TwiML.OPT_OUT_PROMPT + "</Say>", "</Gather><Hangup/>");
        assertThat(pressed.body()).isEqualTo(TwiML.OPTED_OUT);
        assertThat(receiver.count("SELECT COUNT(*) FROM dnc_numbers WHERE phone_e164 = ? AND source = 'opt-out'"
                + " AND added_by = 'key-press' AND session_id = ? AND (scope = 'system' OR scope LIKE 'campaign:%')",
                phone, session)).isEqualTo(2);
        assertThat(receiver.text("SELECT reason FROM dnc_numbers WHERE phone_e164 = ? AND scope = 'system'", phone))
                .contains("Pressed 9");
        assertThat(receiver.text("SELECT key_press_opt_out_at FROM call_attempts WHERE session_id = ?", session)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anotherKeyEndsTheCallAndListsNothing(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String phone = "+19385552002";
        String session = identifiedSession(receiver, phone, CampaignPolicy.OptOutScope.SYSTEM);

        HttpResponse<String> pressed = pressed(receiver, session, phone, "1");

        assertThat(pressed.body()).isEqualTo(TwiML.HANG_UP);
        assertThat(receiver.count("SELECT COUNT(*) FROM dnc_numbers WHERE phone_e164 = ?", phone)).isZero();
        assertThat(receiver.text("SELECT key_press_opt_out_at FROM call_attempts WHERE session_id = ?", session)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anOptOutPressedWhileTheDatabaseIsDownIsConfirmedAndListedOnceItIsBack(TestDatabase kind) {
        try (ReceiverHarness receiver = ReceiverHarness.start(kind)) {
            String phone = "+19385552003";
            String session = identifiedSession(receiver, phone, CampaignPolicy.OptOutScope.SYSTEM);
            HttpResponse<String> pressed;
            receiver.dataSource.setDown(true);
            try {
                pressed = pressed(receiver, session, phone, "9");
                assertThat(receiver.journalSegments()).isPositive();
            } finally {
                receiver.dataSource.setDown(false);
            }

            assertThat(pressed.body()).isEqualTo(TwiML.OPTED_OUT);
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(receiver.count(
                    "SELECT COUNT(*) FROM dnc_numbers WHERE phone_e164 = ? AND scope = 'system' AND added_by = 'key-press'",
                    phone)).isEqualTo(1));
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(receiver.text(
                    "SELECT key_press_opt_out_at FROM call_attempts WHERE session_id = ?", session)).isNotNull());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void whileTheDatabaseIsDownTheMessageIsSaidFromMemoryAndRecordedOnTheAttemptOnceItIsBack(TestDatabase kind) {
        try (ReceiverHarness receiver = ReceiverHarness.start(kind)) {
            String phone = "+19385552005";
            String session = identifiedSession(receiver, phone, CampaignPolicy.OptOutScope.SYSTEM);
            HttpResponse<String> connect = receiver.postTwilio("/api/twilio/connect/" + session, Map.of("CallSid",
                    "CA" + session.substring(3), "From", "+19383362295", "To", phone, "CallStatus", "in-progress"));
            Matcher action = Pattern.compile("action=\"" + Pattern.quote(ReceiverHarness.API_URL)
                    + "(/api/twilio/dial-result/[^\"#]+)").matcher(connect.body());
            assertThat(action.find()).as("connect dials the agent: %s", connect.body()).isTrue();
            String dialAction = action.group(1);

            HttpResponse<String> identified;
            receiver.dataSource.setDown(true);
            try {
                identified = receiver.postTwilio(dialAction, Map.of("CallSid", "CA" + session.substring(3),
                        "From", "+19383362295", "To", phone, "CallStatus", "in-progress", "DialCallStatus", "no-answer",
                        "DialCallSid", "CA" + session.substring(3) + "leg"));
            } finally {
                receiver.dataSource.setDown(false);
            }

            assertThat(dialAction).contains("?campaign=");
            assertThat(identified.statusCode()).isEqualTo(200);
            assertThat(identified.body()).isEqualTo(TwiML.identifyWithOptOut(MESSAGE, optOutUrl(session)));
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(receiver.text(
                    "SELECT identification_message FROM call_attempts WHERE session_id = ?", session)).isEqualTo(MESSAGE));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aPersonConnectCannotHandToAnAgentHearsTheIdentificationMessageAndMayOptOut(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String phone = "+19385552006";
        String session = identifiedSession(receiver, phone, CampaignPolicy.OptOutScope.SYSTEM);
        namesAnAgentNoLongerConfigured(receiver, session);

        HttpResponse<String> connect = connect(receiver, "/api/twilio/connect/" + session, session, phone);
        HttpResponse<String> pressed = pressed(receiver, session, phone, "9");

        assertThat(connect.body()).isEqualTo(TwiML.identifyWithOptOut(MESSAGE, optOutUrl(session)));
        assertThat(receiver.text("SELECT identification_message FROM call_attempts WHERE session_id = ?", session))
                .isEqualTo(MESSAGE);
        assertThat(receiver.text("SELECT dial_call_status FROM voice_sessions WHERE id = ?", session))
                .isEqualTo("agent-unavailable");
        assertThat(pressed.body()).isEqualTo(TwiML.OPTED_OUT);
        assertThat(receiver.text("SELECT key_press_opt_out_at FROM call_attempts WHERE session_id = ?", session)).isNotNull();
        assertThat(receiver.count("SELECT COUNT(*) FROM dnc_numbers WHERE phone_e164 = ? AND scope = 'system'"
                + " AND added_by = 'key-press'", phone)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCampaignWithoutAnIdentificationMessageKeepsTheApologyWhenNoAgentCanBeReached(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String phone = "+19385552007";
        String session = VoicemailPolicyIT.sessionUnder(receiver, phone, CampaignPolicy.VoicemailPolicy.HANGUP, null,
                Optional.empty(), CampaignPolicy.OptOutScope.SYSTEM);
        namesAnAgentNoLongerConfigured(receiver, session);

        HttpResponse<String> connect = connect(receiver, "/api/twilio/connect/" + session, session, phone);

        assertThat(connect.body()).isEqualTo(TwiML.AGENT_UNAVAILABLE);
        assertThat(receiver.text("SELECT identification_message FROM call_attempts WHERE session_id = ?", session)).isNull();
    }

    /**
     * Agents reached only by register-call, and ElevenLabs away: with the database, register-call fails and the person
     * hears the message; without it, no agent can be reached by {@code <Dial>}, and the campaign the connect URL names
     * ({@code ?campaign=}, signed with the URL) gives the message from memory. A connect URL from before the parameter
     * still gets the apology.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void theConnectUrlsCampaignGivesTheMessageAndItsOptOutWhileTheDatabaseIsDown(TestDatabase kind) {
        try (ReceiverHarness receiver = ReceiverHarness.start(kind, Map.of("DIALER_AGENTS", "support:agent_remote:register-call",
                "DIALER_ELEVENLABS_API_URL", "http://127.0.0.1:9"))) {
            String first = identifiedSession(receiver, "+19385552008", CampaignPolicy.OptOutScope.SYSTEM);
            long campaign = receiver.jdbc.sql("SELECT campaign_id FROM voice_sessions WHERE id = :id").param("id", first)
                    .query(Long.class).single();
            String phone = "+19385552009";
            String session = VoicemailPolicyIT.sessionOf(receiver, campaign, phone);
            String oldSession = VoicemailPolicyIT.sessionOf(receiver, campaign, "+19385552010");
            String connectUrl = "/api/twilio/connect/" + session + "?campaign=" + campaign;

            HttpResponse<String> registerCallFailed = connect(receiver, "/api/twilio/connect/" + first + "?campaign="
                    + campaign, first, "+19385552008");
            HttpResponse<String> identified;
            HttpResponse<String> oldUrl;
            HttpResponse<String> pressed;
            HttpResponse<String> queryNotSigned;
            receiver.dataSource.setDown(true);
            try {
                queryNotSigned = receiver.postForm(connectUrl, ReceiverHarness.form(connectForm(session, phone)),
                        receiver.twilioSignature("/api/twilio/connect/" + session, connectForm(session, phone)));
                identified = connect(receiver, connectUrl, session, phone);
                oldUrl = connect(receiver, "/api/twilio/connect/" + oldSession, oldSession, "+19385552010");
                pressed = pressed(receiver, session, phone, "9");
                assertThat(receiver.journalSegments()).isPositive();
            } finally {
                receiver.dataSource.setDown(false);
            }

            assertThat(registerCallFailed.body()).isEqualTo(TwiML.identifyWithOptOut(MESSAGE, optOutUrl(first)));
            assertThat(queryNotSigned.statusCode()).as("Twilio signs the URL with its query").isEqualTo(403);
            assertThat(identified.body()).isEqualTo(TwiML.identifyWithOptOut(MESSAGE, optOutUrl(session)));
            assertThat(oldUrl.body()).isEqualTo(TwiML.AGENT_UNAVAILABLE);
            assertThat(pressed.body()).isEqualTo(TwiML.OPTED_OUT);
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(receiver.text("SELECT identification_message FROM call_attempts WHERE session_id = ?", session))
                        .isEqualTo(MESSAGE);
                assertThat(receiver.text("SELECT key_press_opt_out_at FROM call_attempts WHERE session_id = ?", session))
                        .isNotNull();
            });
            assertThat(receiver.text("SELECT identification_message FROM call_attempts WHERE session_id = ?", first))
                    .isEqualTo(MESSAGE);
            assertThat(receiver.text("SELECT identification_message FROM call_attempts WHERE session_id = ?", oldSession))
                    .isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anUnsignedKeyPressIsRefusedAndChangesNothing(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String phone = "+19385552004";
        String session = identifiedSession(receiver, phone, CampaignPolicy.OptOutScope.SYSTEM);

        HttpResponse<String> forged = receiver.postForm("/api/twilio/opt-out/" + session,
                ReceiverHarness.form(gatherForm(session, phone, "9")), "bm90IGEgc2lnbmF0dXJl");

        assertThat(forged.statusCode()).isIn(401, 403);
        assertThat(receiver.count("SELECT COUNT(*) FROM dnc_numbers WHERE phone_e164 = ?", phone)).isZero();
    }

    /** A session of a campaign that says {@link #MESSAGE} when no agent is reached. */
    private static String identifiedSession(ReceiverHarness receiver, String phone, CampaignPolicy.OptOutScope scope) {
        return VoicemailPolicyIT.sessionUnder(receiver, phone, CampaignPolicy.VoicemailPolicy.HANGUP, null,
                Optional.of(MESSAGE), scope);
    }

    /** What Twilio posts to a {@code <Gather action>}: the call's parameters, {@code Digits} and {@code FinishedOnKey}. */
    private static Map<String, String> gatherForm(String session, String phone, String digits) {
        return Map.of("CallSid", "CA" + session.substring(3), "AccountSid", "AC00000000000000000000000000000000",
                "From", "+19383362295", "To", phone, "CallStatus", "in-progress", "Direction", "outbound-api",
                "Digits", digits, "FinishedOnKey", "");
    }

    /** The session's agent was removed from {@code DIALER_AGENTS} after the call was placed. */
    private static void namesAnAgentNoLongerConfigured(ReceiverHarness receiver, String session) {
        receiver.jdbc.sql("UPDATE voice_sessions SET agent_name = 'retired' WHERE id = :id").param("id", session).update();
    }

    /** What Twilio posts to the connect URL when the person answers. */
    private static Map<String, String> connectForm(String session, String phone) {
        return Map.of("CallSid", "CA" + session.substring(3), "From", "+19383362295", "To", phone,
                "CallStatus", "in-progress", "Direction", "outbound-api");
    }

    private static HttpResponse<String> connect(ReceiverHarness receiver, String url, String session, String phone) {
        HttpResponse<String> answer = receiver.postTwilio(url, connectForm(session, phone));
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer;
    }

    private static String optOutUrl(String session) {
        return ReceiverHarness.API_URL + "/api/twilio/opt-out/" + session + ConnectionOverrides.FRAGMENT;
    }

    private static HttpResponse<String> pressed(ReceiverHarness receiver, String session, String phone, String digits) {
        HttpResponse<String> answer = receiver.postTwilio("/api/twilio/opt-out/" + session, gatherForm(session, phone, digits));
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer;
    }
}
