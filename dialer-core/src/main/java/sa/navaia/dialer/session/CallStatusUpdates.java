package sa.navaia.dialer.session;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.eligibility.AttemptOutcome;

/**
 * Applies a call status Twilio reported, by callback or when asked (the sweeper): the session and its call row only
 * move forward, and a terminal status records the attempt's outcome and hands it to the {@link CallOutcomeListener}
 * exactly once. Run it inside one transaction.
 */
public final class CallStatusUpdates {

    /** The dial status recorded when the agent could not be reached before any {@code <Dial>}. */
    public static final String AGENT_UNAVAILABLE = AttemptOutcome.AGENT_UNAVAILABLE.code();
    /** Twilio's {@code DialCallStatus} values of an agent leg that never spoke, and ours for an unreachable agent. */
    public static final Set<String> AGENT_NOT_REACHED = Set.of("busy", "no-answer", "failed", "canceled", AGENT_UNAVAILABLE);
    private static final Logger log = LoggerFactory.getLogger(CallStatusUpdates.class);

    private final VoiceSessionRepository sessions;
    private final CallOutcomeListener outcomes;
    private final Clock clock;

    public CallStatusUpdates(VoiceSessionRepository sessions, CallOutcomeListener outcomes, Clock clock) {
        this.sessions = sessions;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** Moves the session to {@code status}; false when it was already there or past it. */
    public boolean apply(VoiceSession session, SessionStatus status, String answeredBy, Integer durationSecs) {
        sessions.recordCallDetails(session.id(), answeredBy, durationSecs);
        if (!sessions.advance(session.id(), status)) {
            return false;
        }
        if (status.isTerminal()) {
            ended(session, status, answeredBy, durationSecs);
        }
        return true;
    }

    private void ended(VoiceSession session, SessionStatus status, String answeredBy, Integer duration) {
        Instant now = clock.instant();
        // The session as read in this transaction plus what it just wrote: a second read would say the same (REPEATABLE READ).
        String answered = answeredBy != null ? answeredBy : session.answeredBy().orElse(null);
        String outcome = outcome(status, answered, session.dialCallStatus().orElse(null));
        sessions.markEnded(session.id(), now);
        sessions.recordAttemptOutcome(session.id(), outcome, answered,
                duration != null ? duration : session.durationSecs().orElse(null), now);
        outcomes.callEnded(session, outcome, now);
        log.info("Call ended for session {}: {}", session.id(), outcome);
    }

    /**
     * Voicemail when a machine answered; invalid when a fax did; agent-unavailable when a person answered but the agent's leg failed
     * ({@code <Dial action>}'s {@code DialCallStatus}) or ElevenLabs could not be reached: the person never reached
     * an agent, so the call is not completed and the campaign calls again.
     */
    public static String outcome(SessionStatus status, String answeredBy, String dialCallStatus) {
        if (status != SessionStatus.COMPLETED) {
            return status.code();
        }
        if (answeredBy != null && answeredBy.startsWith("machine")) {
            return AttemptOutcome.VOICEMAIL.code();
        }
        if ("fax".equals(answeredBy)) {
            return AttemptOutcome.INVALID.code(); // a fax line: no person will ever answer it, so it is not called again
        }
        return dialCallStatus != null && AGENT_NOT_REACHED.contains(dialCallStatus) ? AGENT_UNAVAILABLE : status.code();
    }
}
