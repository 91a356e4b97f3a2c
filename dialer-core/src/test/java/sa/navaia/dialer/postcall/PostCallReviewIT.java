package sa.navaia.dialer.postcall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.OptOuts;
import sa.navaia.dialer.inbox.InboxMessage;
import sa.navaia.dialer.inbox.InboxStatus;
import sa.navaia.dialer.inbox.NewInboxMessage;
import sa.navaia.dialer.inbox.WebhookInboxRepository;
import sa.navaia.dialer.session.CallOutcomeListener;
import sa.navaia.dialer.session.NewSession;
import sa.navaia.dialer.session.SessionStatus;
import sa.navaia.dialer.session.VoiceSessionRepository;

class PostCallReviewIT {

    private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    /** A transcript from a number no session called, naming no session and no call we know: it matches nothing. */
    private static final String LOST = """
            {"type":"post_call_transcription","event_timestamp":1795532400,
             "data":{"agent_id":"a1","conversation_id":"conv_lost","status":"done",
              "transcript":[{"role":"user","message":"Please call me back","time_in_call_secs":2}],
              "metadata":{"start_time_unix_secs":1795532400,"call_duration_secs":30,
                          "phone_call":{"direction":"outbound","external_number":"+19385559999","call_sid":"CA_unknown"}},
              "analysis":{"call_successful":"success","transcript_summary":"Wants a call back."}}}""";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anOperatorAttachesAnUnmatchedPayloadAndTheReconcilerAppliesItByOperator(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            VoiceSessionRepository sessions = new VoiceSessionRepository(db.dataSource(), clock);
            WebhookInboxRepository inbox = new WebhookInboxRepository(db.dataSource(), clock);
            PostCallReconciler reconciler = new PostCallReconciler(sessions, new PostCallRepository(db.dataSource(), clock),
                    new OptOuts(new DoNotCallRepository(db.dataSource(), clock),
                            new CampaignPolicyRepository(db.dataSource(), clock)), CallOutcomeListener.NONE, clock);
            PostCallReview review = new PostCallReview(db.dataSource(), clock);
            sessions.create(new NewSession("vs_target", "support", "+19385550002", null, 7L, null, null));
            sessions.advance("vs_target", SessionStatus.COMPLETED);
            long id = storeUnmatched(inbox, reconciler, "k1", LOST);

            assertThat(review.unmatched()).singleElement().satisfies(u -> {
                assertThat(u.payloadId()).isEqualTo(id);
                assertThat(u.eventType()).isEqualTo("post_call_transcription");
                assertThat(u.conversationId()).isEqualTo("conv_lost");
                assertThat(u.lastError()).startsWith("No session matches conversation conv_lost");
            });

            PostCallReview.Attached attached = review.attach(id, "vs_target");

            assertThat(attached).isEqualTo(new PostCallReview.Attached("conv_lost", "post_call_transcription", 1));
            InboxMessage requeued = inbox.find(id).orElseThrow();
            assertThat(requeued.status()).isEqualTo(InboxStatus.PENDING);
            assertThat(requeued.sessionId()).contains("vs_target");
            assertThat(inbox.due(10)).as("the receiver's poller takes it now").extracting(InboxMessage::id).containsExactly(id);
            assertThat(review.unmatched()).isEmpty();

            PostCallReconciler.Result result = reconciler.reconcile(PostCallPayload.parse(requeued.body()));

            assertThat(result.session()).hasValueSatisfying(s -> assertThat(s.id()).isEqualTo("vs_target"));
            assertThat(result.method()).contains(PostCallReconciler.MatchMethod.OPERATOR);
            assertThat(sessions.find("vs_target").orElseThrow().status()).isEqualTo(SessionStatus.TRANSCRIBED);
            assertThat(JdbcClient.create(db.dataSource()).sql("SELECT match_method FROM voice_sessions WHERE id = 'vs_target'")
                    .query(String.class).single()).isEqualTo("operator");
            assertThat(reconciler.reconcile(PostCallPayload.parse(LOST)).method()).as("a repeat delivery")
                    .contains(PostCallReconciler.MatchMethod.OPERATOR);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void refusesWhatCannotBeAttachedWithASentence(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            VoiceSessionRepository sessions = new VoiceSessionRepository(db.dataSource(), clock);
            WebhookInboxRepository inbox = new WebhookInboxRepository(db.dataSource(), clock);
            PostCallReconciler reconciler = new PostCallReconciler(sessions, new PostCallRepository(db.dataSource(), clock),
                    new OptOuts(new DoNotCallRepository(db.dataSource(), clock),
                            new CampaignPolicyRepository(db.dataSource(), clock)), CallOutcomeListener.NONE, clock);
            PostCallReview review = new PostCallReview(db.dataSource(), clock);
            sessions.create(new NewSession("vs_taken", "support", "+19385550003", null, 7L, null, null));
            sessions.recordConversationId("vs_taken", "conv_other");
            long id = storeUnmatched(inbox, reconciler, "k2", LOST);

            assertThatThrownBy(() -> review.attach(id + 100, "vs_taken"))
                    .hasMessage("There is no stored payload #" + (id + 100)
                            + "; 'ops/dialer postcall list --unmatched' shows the unmatched ones.");
            assertThatThrownBy(() -> review.attach(id, "vs_nobody")).hasMessageStartingWith("There is no session vs_nobody;");
            assertThatThrownBy(() -> review.attach(id, "vs_taken")).hasMessage("Session vs_taken has conversation conv_other"
                    + " already; a session takes one conversation, so payload #" + id + " (conversation conv_lost) cannot be"
                    + " attached to it.");
            assertThat(inbox.find(id).orElseThrow().status()).as("left as it was").isEqualTo(InboxStatus.UNMATCHED);
            inbox.markProcessed(id);
            assertThatThrownBy(() -> review.attach(id, "vs_taken")).hasMessage("Payload #" + id
                    + " is processed (elevenlabs post_call_transcription); only an unmatched ElevenLabs payload can be"
                    + " attached to a session.");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void listsWeakMatchesOfACampaign(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            VoiceSessionRepository sessions = new VoiceSessionRepository(db.dataSource(), clock);
            sessions.create(new NewSession("vs_weak", "support", "+19385550004", null, 7L, null, null));
            sessions.recordConversationId("vs_weak", "conv_guess");
            sessions.recordMatch("vs_weak", PostCallReconciler.MatchMethod.NUMBER_TIME.code());
            sessions.create(new NewSession("vs_strong", "support", "+19385550005", null, 7L, null, null));
            sessions.recordMatch("vs_strong", PostCallReconciler.MatchMethod.AGENT_CALL_SID.code());
            PostCallReview review = new PostCallReview(db.dataSource(), clock);

            assertThat(review.weakMatches(Optional.of(7L))).containsExactly(
                    new PostCallReview.WeakMatch("vs_weak", 7L, "+19385550004", "conv_guess", NOW));
            assertThat(review.weakMatches(Optional.empty())).hasSize(1);
            assertThat(review.weakMatches(Optional.of(8L))).isEmpty();
        }
    }

    /** Stores the payload and applies it as the receiver does: it matches nothing and is kept unmatched. */
    private static long storeUnmatched(WebhookInboxRepository inbox, PostCallReconciler reconciler, String key, String body) {
        PostCallPayload payload = PostCallPayload.parse(body);
        long id = inbox.store(new NewInboxMessage(PostCallReview.SOURCE, payload.type(), key, null,
                payload.callSid().orElse(null), payload.conversationId(), "/voice/post_call", "application/json", body))
                .orElseThrow();
        PostCallReconciler.Result result = reconciler.reconcile(payload);
        assertThat(result.matched()).isFalse();
        inbox.markUnmatched(id, result.detail());
        return id;
    }
}
