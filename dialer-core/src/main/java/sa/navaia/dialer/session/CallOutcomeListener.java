package sa.navaia.dialer.session;

import java.time.Instant;

/**
 * Told once when a session's call has ended, with the outcome that decides the contact's retry:
 * {@code completed}, {@code busy}, {@code no-answer}, {@code failed}, {@code canceled} or {@code voicemail}
 * (completed, answered by a machine). Called inside the transaction that recorded the outcome, so an
 * implementation that writes to the same database is applied exactly once with it.
 */
public interface CallOutcomeListener {

    void callEnded(VoiceSession session, String outcome, Instant at);

    CallOutcomeListener NONE = (session, outcome, at) -> { };
}
