package sa.navaia.dialer.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.consent.Consent;
import sa.navaia.dialer.consent.ConsentRepository;
import sa.navaia.dialer.contact.ContactRepository;
import sa.navaia.dialer.contact.ContactStatus;
import sa.navaia.dialer.contact.NewContact;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.DoNotCallScope;
import sa.navaia.dialer.dnc.OptOuts;
import sa.navaia.dialer.inbox.NewInboxMessage;
import sa.navaia.dialer.inbox.WebhookInboxRepository;
import sa.navaia.dialer.postcall.PostCallPayload;
import sa.navaia.dialer.postcall.PostCallReconciler;
import sa.navaia.dialer.postcall.PostCallRepository;
import sa.navaia.dialer.session.CallOutcomeListener;
import sa.navaia.dialer.session.NewSession;
import sa.navaia.dialer.session.SessionStatus;
import sa.navaia.dialer.session.VoiceSessionRepository;

/** Erasure leaves no trace of the person's name, variables or transcript, and keeps the do-not-call entry and the call record. */
class ErasureIT {

    private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    private static final String PHONE = "+19385550042";
    private static final Map<String, String> TABLE_TEXT = Map.of(
            "contacts", "CONCAT(COALESCE(name, ''), COALESCE(variables, ''), COALESCE(customer_id, ''), COALESCE(phone_raw, ''))",
            "voice_sessions", "CONCAT(COALESCE(transcript, ''), COALESCE(summary, ''), COALESCE(data_collection, ''),"
                    + " COALESCE(agent_context, ''), COALESCE(customer_id, ''))",
            "webhook_inbox", "body",
            "webhook_inbox_archive", "body",
            "bookings", "CONCAT(COALESCE(details, ''), COALESCE(customer_id, ''))",
            "import_rejects", "COALESCE(raw_values, '')",
            "imports", "COALESCE(rejects_csv, '')",
            "consents", "COALESCE(customer_id, '')");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void erasingANumberLeavesNoNameVariablesOrTranscriptButKeepsTheDoNotCallEntryAndTheCallRecord(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            personWithACall(db, jdbc, PHONE, "cust-ann", "Ann Lee", "Zanzibar-77");
            personWithACall(db, jdbc, "+19385550043", "cust-bob", "Bob Kay", "Quito-55");
            archiveEveryPayload(jdbc);
            assertThat(traces(jdbc, "Ann Lee") + traces(jdbc, "Zanzibar-77") + traces(jdbc, "cust-ann")).isPositive();

            Erasure.Result result = new Erasure(db.dataSource(), clock).erase(Erasure.Subject.PHONE, PHONE, "jane",
                    "erasure request by email of 2026-11-20");

            assertThat(traces(jdbc, "Ann Lee")).isZero();
            assertThat(traces(jdbc, "Zanzibar-77")).isZero();
            assertThat(traces(jdbc, "cust-ann")).isZero();
            assertThat(traces(jdbc, "stop calling me, Ann here")).isZero();
            assertThat(traces(jdbc, "Bob Kay")).isPositive();
            assertThat(traces(jdbc, "Quito-55")).isPositive();
            assertThat(result.removed()).containsEntry("contacts", 1).containsEntry("sessions", 1).containsEntry("bookings", 1)
                    .containsEntry("consents", 1);
            assertThat(new ConsentRepository(db.dataSource(), clock).history(PHONE)).singleElement().satisfies(consent -> {
                assertThat(consent.source()).as("the proof the past call relied on").isEqualTo("web form acme.com/signup");
                assertThat(consent.revokedAt()).contains(NOW);
                assertThat(consent.revocationSource()).contains("erasure request");
            });
            assertThat(new ConsentRepository(db.dataSource(), clock).active("+19385550043")).as("Bob's stays").isPresent();
            assertThat(new DoNotCallRepository(db.dataSource(), clock).listing(PHONE, 1)).contains(DoNotCallScope.SYSTEM);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM call_attempts WHERE phone_e164 = :p").param("p", PHONE)
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT status FROM contacts WHERE phone_e164 = :p").param("p", PHONE).query(String.class).single())
                    .isEqualTo("suppressed");
            assertThat(jdbc.sql("SELECT us_state FROM contacts WHERE phone_e164 = :p").param("p", PHONE).query(String.class)
                    .optional()).as("where the person lives").isEmpty();
            assertThat(jdbc.sql("SELECT CONCAT(subject_hint, ' ', requested_by, ' ', reason, ' ', removed) FROM erasure_log")
                    .query(String.class).single())
                    .isEqualTo("+1938***0042 jane erasure request by email of 2026-11-20 " + result.describe())
                    .doesNotContain(PHONE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void erasingACustomerIdFindsTheirNumbersAndAnErasureNeedsWhoAndWhy(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            personWithACall(db, jdbc, PHONE, "cust-ann", "Ann Lee", "Zanzibar-77");
            Erasure erasure = new Erasure(db.dataSource(), clock);

            assertThatThrownBy(() -> erasure.erase(Erasure.Subject.CUSTOMER_ID, "cust-ann", "", "x"))
                    .hasMessageContaining("who asks for it and why");
            erasure.erase(Erasure.Subject.CUSTOMER_ID, "cust-ann", "omar", "request by letter");

            assertThat(traces(jdbc, "Ann Lee") + traces(jdbc, "Zanzibar-77") + traces(jdbc, "stop calling me")).isZero();
            assertThat(jdbc.sql("SELECT subject_kind FROM erasure_log").query(String.class).single()).isEqualTo("customer_id");
        }
    }

    private static int traces(JdbcClient jdbc, String text) {
        return TABLE_TEXT.entrySet().stream().mapToInt(table -> jdbc.sql("SELECT COUNT(*) FROM " + table.getKey() + " WHERE "
                + table.getValue() + " LIKE :text").param("text", "%" + text + "%").query(Integer.class).single()).sum();
    }

    /** A contact with variables, a call with a transcript in which they opted out and booked, its stored payload, a reject row. */
    private void personWithACall(TestDatabase.Migrated db, JdbcClient jdbc, String phone, String customerId, String name,
                                 String secret) {
        Campaign campaign = new CampaignRepository(db.dataSource(), clock).findByName("erasure").orElseGet(() ->
                new CampaignRepository(db.dataSource(), clock).create(Campaign.draft("erasure", "support", "+19383362295", "US", NOW)));
        new ContactRepository(db.dataSource(), clock).insertOne(new NewContact(campaign.id(), null, null, phone, phone, "US",
                customerId, name, "America/New_York", true, "web", null, "{\"order\":\"" + secret + "\"}", ContactStatus.DONE, null,
                "FL"));
        long contactId = jdbc.sql("SELECT id FROM contacts WHERE phone_e164 = :p").param("p", phone).query(Long.class).single();
        new ConsentRepository(db.dataSource(), clock).record(new ConsentRepository.NewConsent(phone, customerId,
                Consent.Basis.EXPRESS_WRITTEN, "web form acme.com/signup", NOW.minusSeconds(86_400), "tcpa-2026-03", "web_form",
                "import"));
        String session = "vs_" + customerId.replace("-", "_");
        VoiceSessionRepository sessions = new VoiceSessionRepository(db.dataSource(), clock);
        sessions.create(new NewSession(session, "support", phone, customerId, campaign.id(), contactId, null));
        sessions.advance(session, SessionStatus.COMPLETED);
        jdbc.sql("""
                INSERT INTO call_attempts (campaign_id, contact_id, attempt_number, decision, reason_code, phone_e164, status,
                                           session_id, outcome, decided_at)
                VALUES (:c, :contact, 1, 'dial', 'eligible', :p, 'ended', :s, 'completed', :now)""")
                .param("c", campaign.id()).param("contact", contactId).param("p", phone).param("s", session)
                .param("now", SqlTime.utc(NOW)).update();
        String body = """
                {"type":"post_call_transcription","data":{"conversation_id":"conv_%s","status":"done",
                 "transcript":[{"role":"user","message":"Book me in for %s, then stop calling me, %s here"}],
                 "metadata":{"phone_call":{"external_number":"%s"}},
                 "conversation_initiation_client_data":{"dynamic_variables":{"session_id":"%s","customer_name":"%s"}},
                 "analysis":{"transcript_summary":"%s booked; %s","data_collection_results":{"intent":{"value":"booking"}}}}}"""
                .formatted(customerId, secret, name.split(" ")[0], phone, session, name, name, secret);
        new WebhookInboxRepository(db.dataSource(), clock).store(new NewInboxMessage("elevenlabs", "post_call_transcription",
                "k_" + customerId, session, null, "conv_" + customerId, "/voice/post_call", "application/json", body));
        PostCallReconciler reconciler = new PostCallReconciler(sessions, new PostCallRepository(db.dataSource(), clock),
                new OptOuts(new DoNotCallRepository(db.dataSource(), clock), new CampaignPolicyRepository(db.dataSource(), clock)),
                CallOutcomeListener.NONE, clock);
        reconciler.reconcile(PostCallPayload.parse(body));
        new PostCallRepository(db.dataSource(), clock).createBooking(sessions.find(session).orElseThrow(), PostCallPayload.parse(body));
    }

    /** A copy of every payload in the archive, as InboxArchive leaves applied ones, so erasure must reach both tables. */
    private static void archiveEveryPayload(JdbcClient jdbc) {
        jdbc.sql("""
                INSERT INTO webhook_inbox_archive (id, source, event_type, dedupe_key, session_id, call_sid, conversation_id,
                                                   request_path, content_type, body, status, attempts, last_error,
                                                   received_at, next_attempt_at, processed_at, archived_at)
                SELECT id, source, event_type, dedupe_key, session_id, call_sid, conversation_id, request_path, content_type,
                       body, status, attempts, last_error, received_at, next_attempt_at, processed_at, received_at
                  FROM webhook_inbox""").update();
    }
}
