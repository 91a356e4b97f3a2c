package sa.navaia.dialer.webhook.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.SandboxSettings;
import sa.navaia.dialer.contact.ContactRepository;
import sa.navaia.dialer.contact.ContactStatus;
import sa.navaia.dialer.contact.NewContact;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.elevenlabs.Personalization;
import sa.navaia.dialer.session.NewSession;
import sa.navaia.dialer.session.SessionIds;
import sa.navaia.dialer.webhook.Harnesses;
import sa.navaia.dialer.webhook.ReceiverHarness;

/**
 * ElevenLabs' personalisation webhook against a running receiver: the arriving leg is tied to the session connect
 * handed to the agent, the agent is told whom it is calling, and anything it cannot tie still lets the agent speak.
 */
class PersonalizationIT {

    private static final Harnesses harnesses = new Harnesses();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT_NUMBER = "+19385550100";

    @AfterAll
    static void stopServers() {
        harnesses.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void theAgentIsToldTheContactsVariablesAndTheArrivingLegIsRecorded(TestDatabase kind) throws Exception {
        ReceiverHarness receiver = harnesses.on(kind);
        String phone = "+19383362301";
        String session = sessionForContact(receiver, phone, "Amal Haddad", "{\"Plan\":\"Gold\",\"Renewal Date\":\"2027-01-31\","
                + "\"first_message\":\"Hello {{customer_name}}, about your {{plan}} plan\",\"language\":\"ar\"}");
        connect(receiver, session, phone);

        HttpResponse<String> answer = personalize(receiver, phone, AGENT_NUMBER, "CAleg" + session.substring(3));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("type").asText()).isEqualTo("conversation_initiation_client_data");
        JsonNode variables = body.path("dynamic_variables");
        assertThat(variables.path("customer_name").asText()).isEqualTo("Amal Haddad");
        assertThat(variables.path("session_id").asText()).isEqualTo(session);
        assertThat(variables.path("plan").asText()).isEqualTo("Gold");
        assertThat(variables.path("renewal_date").asText()).isEqualTo("2027-01-31");
        assertThat(variables.has("first_message")).as("an override column is not a variable").isFalse();
        JsonNode agent = body.path("conversation_config_override").path("agent");
        assertThat(agent.path("first_message").asText()).isEqualTo("Hello {{customer_name}}, about your {{plan}} plan");
        assertThat(agent.path("language").asText()).isEqualTo("ar");
        var stored = receiver.sessions.find(session).orElseThrow();
        assertThat(stored.agentCallSid()).contains("CAleg" + session.substring(3));
        assertThat(receiver.text("SELECT agent_context FROM voice_sessions WHERE id = ?", session)).contains("Amal Haddad");

        HttpResponse<String> again = personalize(receiver, phone, AGENT_NUMBER, "CAleg" + session.substring(3));
        assertThat(JSON.readTree(again.body()).path("dynamic_variables").path("session_id").asText())
                .as("ElevenLabs asking twice for one leg gets the same answer").isEqualTo(session);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aCallerNoSessionWasConnectedForGetsDefaultsThatLetTheAgentSpeak(TestDatabase kind) throws Exception {
        ReceiverHarness receiver = harnesses.on(kind);

        HttpResponse<String> answer = personalize(receiver, "+19383362399", AGENT_NUMBER, "CAunknown0001");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("type").asText()).isEqualTo("conversation_initiation_client_data");
        assertThat(body.path("dynamic_variables").path("customer_name").asText()).isEmpty();
        assertThat(body.path("dynamic_variables").has("session_id")).isTrue();
    }

    @Test
    void twoSessionsConnectedForOneCallerAreNotGuessedBetween() throws Exception {
        ReceiverHarness receiver = harnesses.on(TestDatabase.H2);
        String phone = "+19383362302";
        String first = sessionForContact(receiver, phone, "First", "{}");
        String second = sessionForContact(receiver, phone, "Second", "{}");
        connect(receiver, first, phone);
        connect(receiver, second, phone);

        JsonNode body = JSON.readTree(personalize(receiver, phone, AGENT_NUMBER, "CAtwo0001").body());

        assertThat(body.path("dynamic_variables").path("customer_name").asText()).isEmpty();
        assertThat(receiver.sessions.find(first).orElseThrow().agentCallSid()).isEmpty();
        assertThat(receiver.sessions.find(second).orElseThrow().agentCallSid()).isEmpty();
    }

    @Test
    void withoutTheSecretNothingIsAnsweredOrRecorded() {
        ReceiverHarness receiver = harnesses.on(TestDatabase.H2);
        String body = request("+19383362303", AGENT_NUMBER, "CAnosecret01");

        HttpResponse<String> missing = receiver.send(HttpRequest.newBuilder(receiver.uri(Personalization.PATH))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        HttpResponse<String> wrong = receiver.send(HttpRequest.newBuilder(receiver.uri(Personalization.PATH))
                .header("Content-Type", "application/json").header(Personalization.SECRET_HEADER, "not-the-secret")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("conversation_initiation_client_data");
    }

    @Test
    void aRequestWithoutItsFieldsIsRefusedNamingThem() {
        ReceiverHarness receiver = harnesses.on(TestDatabase.H2);

        HttpResponse<String> answer = post(receiver, "{\"caller_id\":\"+19383362304\"}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("agent_id is required").contains("called_number is required")
                .contains("call_sid is required");
    }

    @Test
    void aRegisterCallAgentElevenLabsCannotReachEndsTheAttemptAgentUnavailableWithAnApology() {
        try (ReceiverHarness receiver = ReceiverHarness.start(TestDatabase.H2, Map.of(
                "DIALER_AGENTS", "support:agent_remote:register-call",
                "DIALER_ELEVENLABS_API_URL", "http://127.0.0.1:9"))) {
            registerCallFailsOver(receiver);
        }
    }

    private static void registerCallFailsOver(ReceiverHarness receiver) {
        String phone = "+19383362305";
        String session = receiver.newSession(phone);

        HttpResponse<String> twiml = connect(receiver, session, phone);

        assertThat(twiml.body()).contains("<Say>We're sorry, no one can take your call right now.").contains("<Hangup/>");
        receiver.postTwilio("/api/twilio/status/" + session, Map.of("CallSid", "CA" + session.substring(3),
                "CallStatus", "completed", "AnsweredBy", "human", "CallDuration", "9", "SequenceNumber", "3"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(receiver.text("SELECT outcome FROM call_attempts WHERE session_id = ?", session))
                        .isEqualTo("agent-unavailable"));
    }

    private static String sessionForContact(ReceiverHarness receiver, String phone, String name, String variables) {
        Clock clock = Clock.systemUTC();
        var campaigns = new CampaignRepository(receiver.db.dataSource(), clock);
        Campaign campaign = campaigns.create(Campaign.draft("personal-" + SessionIds.next(), "support", "+19383362295",
                "US", clock.instant()));
        new ContactRepository(receiver.db.dataSource(), clock).insertOne(new NewContact(campaign.id(), null, null, phone,
                phone, "US", "cust-" + phone.substring(8), name, "America/New_York", true, "web", null, variables,
                ContactStatus.DIALING, null));
        long contactId = receiver.jdbc.sql("SELECT id FROM contacts WHERE campaign_id = :c AND phone_e164 = :p")
                .param("c", campaign.id()).param("p", phone).query(Long.class).single();
        String id = SessionIds.next();
        receiver.sessions.create(new NewSession(id, "support", phone, null, campaign.id(), contactId, null));
        return id;
    }

    private static HttpResponse<String> connect(ReceiverHarness receiver, String session, String phone) {
        HttpResponse<String> answer = receiver.postTwilio("/api/twilio/connect/" + session, Map.of(
                "CallSid", "CA" + session.substring(3), "AccountSid", SandboxSettings.ACCOUNT_SID, "From", "+19383362295",
                "To", phone, "CallStatus", "in-progress", "Direction", "outbound-api", "AnsweredBy", "human"));
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer;
    }

    private static HttpResponse<String> personalize(ReceiverHarness receiver, String caller, String called, String callSid) {
        return post(receiver, request(caller, called, callSid));
    }

    private static HttpResponse<String> post(ReceiverHarness receiver, String body) {
        return receiver.send(HttpRequest.newBuilder(receiver.uri(Personalization.PATH))
                .header("Content-Type", "application/json")
                .header(Personalization.SECRET_HEADER, SandboxSettings.PERSONALIZATION_SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String request(String caller, String called, String callSid) {
        return "{\"caller_id\":\"" + caller + "\",\"agent_id\":\"agent_sandbox\",\"called_number\":\"" + called
                + "\",\"call_sid\":\"" + callSid + "\"}";
    }
}
