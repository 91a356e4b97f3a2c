package sa.navaia.dialer.webhook.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignPolicy;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.contact.ContactRepository;
import sa.navaia.dialer.contact.ContactStatus;
import sa.navaia.dialer.contact.NewContact;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.session.NewSession;
import sa.navaia.dialer.session.SessionIds;
import sa.navaia.dialer.twilio.ConnectionOverrides;
import sa.navaia.dialer.webhook.Harnesses;
import sa.navaia.dialer.webhook.ReceiverHarness;

/**
 * A call answered by a machine follows its campaign's voicemail policy, a person whom no agent reached hears the
 * campaign's identification message, and the attempt records what was done.
 */
class VoicemailPolicyIT {

    private static final Harnesses harnesses = new Harnesses();

    @AfterAll
    static void stopServers() {
        harnesses.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aMachineGetsTheCampaignsMessageAfterTheGreetingTheAgentOrAHangUp(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String message = sessionUnder(receiver, "+19385551001", CampaignPolicy.VoicemailPolicy.MESSAGE,
                "Hello {{name}}, this is Acme about order {{order}}. Call us back on +1 938 336 2295.");
        String early = sessionUnder(receiver, "+19385551002", CampaignPolicy.VoicemailPolicy.MESSAGE, "Hello {{name}}.");
        String agent = sessionUnder(receiver, "+19385551003", CampaignPolicy.VoicemailPolicy.AGENT, null);
        String hangUp = sessionUnder(receiver, "+19385551004", CampaignPolicy.VoicemailPolicy.HANGUP, null);

        HttpResponse<String> left = connect(receiver, message, "+19385551001", "machine_end_beep");
        HttpResponse<String> greetingNotOver = connect(receiver, early, "+19385551002", "machine_start");
        HttpResponse<String> handed = connect(receiver, agent, "+19385551003", "machine_end_silence");
        HttpResponse<String> hungUp = connect(receiver, hangUp, "+19385551004", "machine_end_other");

        assertThat(left.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>Hello Ann Lee, this is"
                + " Acme about order A-42. Call us back on +1 938 336 2295.</Say><Hangup/></Response>");
        assertThat(greetingNotOver.body()).contains("<Hangup/>").doesNotContain("<Say>");
        assertThat(handed.body()).contains("<Dial");
        assertThat(hungUp.body()).contains("<Hangup/>").doesNotContain("<Say>").doesNotContain("<Dial");
        assertThat(action(receiver, message)).isEqualTo("message");
        assertThat(action(receiver, early)).isEqualTo("hangup");
        assertThat(action(receiver, agent)).isEqualTo("agent");
        assertThat(action(receiver, hangUp)).isEqualTo("hangup");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aPersonWhomNoAgentReachedHearsTheCampaignsIdentificationMessage(TestDatabase kind) {
        ReceiverHarness receiver = harnesses.on(kind);
        String message = CampaignPolicy.defaultIdentification("Acme Inc.", "938-336-2295");
        String identified = sessionUnder(receiver, "+19385551011", CampaignPolicy.VoicemailPolicy.HANGUP, null,
                Optional.of(message));
        String bridged = sessionUnder(receiver, "+19385551012", CampaignPolicy.VoicemailPolicy.HANGUP, null,
                Optional.of(message));
        String silent = sessionUnder(receiver, "+19385551013", CampaignPolicy.VoicemailPolicy.HANGUP, null, Optional.empty());

        HttpResponse<String> noAgent = dialResult(receiver, identified, "no-answer");
        HttpResponse<String> talked = dialResult(receiver, bridged, "completed");
        HttpResponse<String> none = dialResult(receiver, silent, "busy");

        assertThat(noAgent.body()).isEqualTo(TwiML.identifyWithOptOut("This call was for telemarketing purposes, on behalf"
                + " of Acme Inc. To ask not to be called again, or to reach us, call 938-336-2295. Goodbye.",
                ReceiverHarness.API_URL + "/api/twilio/opt-out/" + identified + ConnectionOverrides.FRAGMENT));
        assertThat(talked.body()).isEqualTo(TwiML.HANG_UP);
        assertThat(none.body()).isEqualTo(TwiML.HANG_UP);
        assertThat(receiver.text("SELECT identification_message FROM call_attempts WHERE session_id = ?", identified))
                .isEqualTo(message);
        assertThat(receiver.text("SELECT identification_message FROM call_attempts WHERE session_id = ?", bridged)).isNull();
        assertThat(receiver.text("SELECT identification_message FROM call_attempts WHERE session_id = ?", silent)).isNull();
    }

    static HttpResponse<String> dialResult(ReceiverHarness receiver, String session, String dialCallStatus) {
        HttpResponse<String> answer = receiver.postTwilio("/api/twilio/dial-result/" + session, Map.of(
                "CallSid", "CA" + session.substring(3), "From", "+19383362295", "CallStatus", "in-progress",
                "DialCallStatus", dialCallStatus, "DialCallSid", "CA" + session.substring(3) + "leg"));
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer;
    }

    private static String action(ReceiverHarness receiver, String session) {
        return receiver.text("SELECT voicemail_action FROM call_attempts WHERE session_id = ?", session);
    }

    private static HttpResponse<String> connect(ReceiverHarness receiver, String session, String phone, String answeredBy) {
        HttpResponse<String> answer = receiver.postTwilio("/api/twilio/connect/" + session, Map.of(
                "CallSid", "CA" + session.substring(3), "From", "+19383362295", "To", phone, "CallStatus", "in-progress",
                "AnsweredBy", answeredBy));
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer;
    }

    private static String sessionUnder(ReceiverHarness receiver, String phone, CampaignPolicy.VoicemailPolicy voicemail,
                                       String text) {
        return sessionUnder(receiver, phone, voicemail, text, Optional.empty());
    }

    private static String sessionUnder(ReceiverHarness receiver, String phone, CampaignPolicy.VoicemailPolicy voicemail,
                                       String text, Optional<String> identification) {
        return sessionUnder(receiver, phone, voicemail, text, identification, CampaignPolicy.OptOutScope.SYSTEM);
    }

    /** A session of a new campaign with this policy, to a contact of it, with its open attempt. */
    static String sessionUnder(ReceiverHarness receiver, String phone, CampaignPolicy.VoicemailPolicy voicemail,
                               String text, Optional<String> identification, CampaignPolicy.OptOutScope optOutScope) {
        Clock clock = Clock.systemUTC();
        Campaign campaign = new CampaignRepository(receiver.db.dataSource(), clock).create(Campaign.draft(
                "voicemail-" + SessionIds.next(), "support", "+19383362295", "US", clock.instant()));
        new CampaignPolicyRepository(receiver.db.dataSource(), clock).save(new CampaignPolicy(campaign.id(),
                optOutScope, Map.of(), voicemail, Optional.ofNullable(text), identification));
        return sessionOf(receiver, campaign.id(), phone);
    }

    /** A session of the campaign to a new contact of it, with its open attempt, as the dialer would leave it. */
    static String sessionOf(ReceiverHarness receiver, long campaignId, String phone) {
        Clock clock = Clock.systemUTC();
        new ContactRepository(receiver.db.dataSource(), clock).insertOne(new NewContact(campaignId, null, null, phone,
                phone, "US", null, "Ann Lee", "America/New_York", true, "web", null, "{\"order\":\"A-42\"}",
                ContactStatus.DIALING, null));
        long contactId = receiver.jdbc.sql("SELECT id FROM contacts WHERE campaign_id = :c AND phone_e164 = :p")
                .param("c", campaignId).param("p", phone).query(Long.class).single();
        String id = SessionIds.next();
        receiver.sessions.create(new NewSession(id, "support", phone, null, campaignId, contactId, null));
        receiver.jdbc.sql("""
                INSERT INTO call_attempts (campaign_id, contact_id, attempt_number, decision, reason_code, phone_e164, status,
                                           session_id, decided_at)
                VALUES (:campaignId, :contactId, 1, 'dial', 'eligible', :phone, 'placed', :id, :now)""")
                .param("campaignId", campaignId).param("contactId", contactId).param("phone", phone).param("id", id)
                .param("now", SqlTime.utc(clock.instant())).update();
        return id;
    }
}
