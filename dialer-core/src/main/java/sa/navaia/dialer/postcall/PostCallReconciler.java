package sa.navaia.dialer.postcall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.DoNotCallScope;
import sa.navaia.dialer.session.CallOutcomeListener;
import sa.navaia.dialer.session.SessionStatus;
import sa.navaia.dialer.session.VoiceSession;
import sa.navaia.dialer.session.VoiceSessionRepository;

/**
 * Reconciles an ElevenLabs post-call payload with its session: matched by conversation id, then our
 * session id in the dynamic variables, then the Twilio call SID, then the customer's number and time.
 * Idempotent: applying the same payload twice leaves the same rows. Run it in one transaction.
 */
public final class PostCallReconciler {

    /** How far before the conversation's start a session to the same number may have been created. */
    private static final Duration MATCH_WINDOW_BEFORE = Duration.ofHours(2);
    private static final Duration MATCH_WINDOW_AFTER = Duration.ofMinutes(5);

    /** What reconciling did: the session it matched and the intent found, or why nothing matched. */
    public record Result(Optional<VoiceSession> session, String intent, String detail) {

        public boolean matched() {
            return session.isPresent();
        }
    }

    private final VoiceSessionRepository sessions;
    private final PostCallRepository records;
    private final DoNotCallRepository doNotCall;
    private final CallOutcomeListener outcomes;
    private final Clock clock;

    public PostCallReconciler(VoiceSessionRepository sessions, PostCallRepository records,
                              DoNotCallRepository doNotCall, CallOutcomeListener outcomes, Clock clock) {
        this.sessions = sessions;
        this.records = records;
        this.doNotCall = doNotCall;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    public Result reconcile(PostCallPayload payload) {
        Optional<VoiceSession> match = match(payload);
        if (match.isEmpty()) {
            return new Result(Optional.empty(), Intents.NONE, "No session matches conversation "
                    + payload.conversationId() + " (by conversation id, session_id variable, call SID or number and time).");
        }
        VoiceSession session = match.get();
        return switch (payload.type()) {
            case PostCallPayload.TRANSCRIPTION -> transcribed(session, payload);
            case PostCallPayload.INITIATION_FAILURE -> initiationFailed(session, payload);
            default -> new Result(match, Intents.NONE, "Recorded " + payload.type() + ".");
        };
    }

    private Result transcribed(VoiceSession session, PostCallPayload payload) {
        String intent = Intents.of(payload);
        records.recordConversation(session.id(), payload, intent);
        switch (intent) {
            case Intents.BOOKING -> records.createBooking(session, payload);
            case Intents.SUPPORT -> records.createTicket(session, payload);
            case Intents.OPT_OUT -> doNotCall.add(session.customerPhone(), DoNotCallScope.SYSTEM, "opt-out",
                    "Asked not to be called again (conversation " + payload.conversationId() + ")", session.id());
            default -> { }
        }
        sessions.advance(session.id(), SessionStatus.TRANSCRIBED);
        return new Result(Optional.of(session), intent, "Reconciled with intent " + intent + ".");
    }

    private Result initiationFailed(VoiceSession session, PostCallPayload payload) {
        Instant now = clock.instant();
        if (sessions.advance(session.id(), SessionStatus.FAILED)) {
            sessions.markEnded(session.id(), now);
            sessions.recordAttemptOutcome(session.id(), SessionStatus.FAILED.code(), null, null, now);
            outcomes.callEnded(session, SessionStatus.FAILED.code(), now);
        }
        return new Result(Optional.of(session), Intents.NONE,
                "Call initiation failed: " + payload.failureReason().orElse("no reason given") + ".");
    }

    private Optional<VoiceSession> match(PostCallPayload payload) {
        Optional<VoiceSession> found = sessions.findByConversationId(payload.conversationId())
                .or(() -> payload.sessionIdVariable().flatMap(sessions::find))
                .or(() -> payload.callSid().flatMap(sessions::findByCallSid));
        if (found.isPresent() || payload.externalNumber().isEmpty()) {
            return found;
        }
        Instant started = payload.startTimeUnixSecs().map(Instant::ofEpochSecond).orElse(clock.instant());
        return sessions.findLatestByPhoneBetween(payload.externalNumber().get(),
                started.minus(MATCH_WINDOW_BEFORE), started.plus(MATCH_WINDOW_AFTER));
    }
}
