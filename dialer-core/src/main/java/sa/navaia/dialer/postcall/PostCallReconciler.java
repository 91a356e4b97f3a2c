package sa.navaia.dialer.postcall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import sa.navaia.dialer.dnc.DoNotCallScope;
import sa.navaia.dialer.dnc.OptOuts;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.session.CallOutcomeListener;
import sa.navaia.dialer.session.SessionStatus;
import sa.navaia.dialer.session.VoiceSession;
import sa.navaia.dialer.session.VoiceSessionRepository;

/**
 * Reconciles an ElevenLabs post-call payload with its session, by identity: a session an operator attached the
 * conversation to ({@code ops/dialer postcall attach}), then the conversation id, then the call SID
 * ElevenLabs saw ({@code metadata.phone_call.call_sid}: the leg that arrived at the agent, which the personalisation
 * webhook or register-call recorded on the session), then our session id where a dynamic variable carries it. The
 * customer's number and time are a last resort, recorded as a weak match. How it matched is kept on the session
 * ({@code match_method}). Idempotent: applying the same payload twice leaves the same rows. Run it in one transaction.
 */
public final class PostCallReconciler {

    /** How far before the conversation's start a session to the same number may have been created. */
    private static final Duration MATCH_WINDOW_BEFORE = Duration.ofHours(2);
    private static final Duration MATCH_WINDOW_AFTER = Duration.ofMinutes(5);

    /**
     * How a payload found its session, strongest first: {@link #OPERATOR}, a person attached it; {@link #NUMBER_TIME} is
     * a guess an operator should check.
     */
    public enum MatchMethod {
        OPERATOR, CONVERSATION_ID, AGENT_CALL_SID, CALL_SID, SESSION_VARIABLE, NUMBER_TIME;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean weak() {
            return this == NUMBER_TIME;
        }
    }

    /** What reconciling did: the session it matched and how, the intent found, or why nothing matched. */
    public record Result(Optional<VoiceSession> session, Optional<MatchMethod> method, String intent, String detail) {

        public boolean matched() {
            return session.isPresent();
        }
    }

    private record Match(VoiceSession session, MatchMethod method) {
    }

    private final VoiceSessionRepository sessions;
    private final PostCallRepository records;
    private final OptOuts optOuts;
    private final CallOutcomeListener outcomes;
    private final Clock clock;

    public PostCallReconciler(VoiceSessionRepository sessions, PostCallRepository records,
                              OptOuts optOuts, CallOutcomeListener outcomes, Clock clock) {
        this.sessions = sessions;
        this.records = records;
        this.optOuts = optOuts;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    public Result reconcile(PostCallPayload payload) {
        Optional<Match> match = match(payload);
        if (match.isEmpty()) {
            String detail = "No session matches conversation " + payload.conversationId() + " (by conversation id, call SID "
                    + payload.callSid().orElse("(none)") + ", session_id variable, or number and time).";
            return new Result(Optional.empty(), Optional.empty(), Intents.NONE, detail + unmatchedOptOut(payload));
        }
        VoiceSession session = match.get().session();
        MatchMethod method = match.get().method();
        Result result = switch (payload.type()) {
            case PostCallPayload.TRANSCRIPTION -> transcribed(session, payload);
            case PostCallPayload.INITIATION_FAILURE -> initiationFailed(session, payload);
            default -> new Result(Optional.of(session), Optional.empty(), Intents.NONE, "Recorded " + payload.type() + ".");
        };
        if (!PostCallPayload.AUDIO.equals(payload.type())) {
            sessions.recordMatch(session.id(), method.code());
        }
        return new Result(result.session(), Optional.of(method), result.intent(),
                result.detail() + " Matched by " + method.code() + (method.weak() ? " (weak: check it)." : "."));
    }

    private Result transcribed(VoiceSession session, PostCallPayload payload) {
        String intent = Intents.of(payload);
        records.recordConversation(session.id(), payload, intent);
        switch (intent) {
            case Intents.BOOKING -> records.createBooking(session, payload);
            case Intents.SUPPORT -> records.createTicket(session, payload);
            case Intents.OPT_OUT -> optOuts.record(session.customerPhone(), session.campaignId(), session.id(),
                    "Asked not to be called again (conversation " + payload.conversationId() + ")");
            default -> { }
        }
        sessions.advance(session.id(), SessionStatus.TRANSCRIBED);
        return new Result(Optional.of(session), Optional.empty(), intent, "Reconciled with intent " + intent + ".");
    }

    /**
     * An opt-out in a payload that matched no session still lists the number the payload names: nobody must wait for an
     * operator to attach it before the person is safe from the next call.
     */
    private String unmatchedOptOut(PostCallPayload payload) {
        if (!PostCallPayload.TRANSCRIPTION.equals(payload.type()) || !Intents.OPT_OUT.equals(Intents.of(payload))) {
            return "";
        }
        String number = payload.externalNumber().orElse("");
        List<DoNotCallScope> listed = optOuts.record(number, Optional.empty(), null,
                "Asked not to be called again (conversation " + payload.conversationId() + ", matched no session)");
        return listed.isEmpty()
                ? " The customer asked not to be called again, but the payload names no E.164 number (\"" + number
                        + "\"): add it by hand with ops/dialer dnc add."
                : " The customer asked not to be called again: " + PhoneNumbers.mask(number) + " is on the system do-not-call list.";
    }

    private Result initiationFailed(VoiceSession session, PostCallPayload payload) {
        Instant now = clock.instant();
        if (sessions.advance(session.id(), SessionStatus.FAILED)) {
            sessions.markEnded(session.id(), now);
            sessions.recordAttemptOutcome(session.id(), SessionStatus.FAILED.code(), null, null, now);
            outcomes.callEnded(session, SessionStatus.FAILED.code(), now);
        }
        return new Result(Optional.of(session), Optional.empty(), Intents.NONE,
                "Call initiation failed: " + payload.failureReason().orElse("no reason given") + ".");
    }

    private Optional<Match> match(PostCallPayload payload) {
        Optional<Match> found = sessions.findAttachedByOperator(payload.conversationId())
                .map(s -> new Match(s, MatchMethod.OPERATOR))
                .or(() -> sessions.findByConversationId(payload.conversationId()).map(s -> new Match(s, MatchMethod.CONVERSATION_ID)))
                .or(() -> payload.callSid().flatMap(sessions::findByAgentCallSid).map(s -> new Match(s, MatchMethod.AGENT_CALL_SID)))
                .or(() -> payload.callSid().flatMap(sessions::findByCallSid).map(s -> new Match(s, MatchMethod.CALL_SID)))
                .or(() -> payload.sessionIdVariable().flatMap(sessions::find).map(s -> new Match(s, MatchMethod.SESSION_VARIABLE)));
        if (found.isPresent() || payload.externalNumber().isEmpty() || PostCallPayload.AUDIO.equals(payload.type())) {
            return found;
        }
        Instant started = payload.startTimeUnixSecs().map(Instant::ofEpochSecond).orElse(clock.instant());
        return sessions.findLatestByPhoneBetween(payload.externalNumber().get(),
                started.minus(MATCH_WINDOW_BEFORE), started.plus(MATCH_WINDOW_AFTER))
                .map(s -> new Match(s, MatchMethod.NUMBER_TIME));
    }
}
