package sa.navaia.dialer.session;

import java.util.Arrays;
import java.util.Optional;

/**
 * The life of a voice session: {@code created → queued → initiated → ringing → in-progress →
 * completed | busy | no-answer | failed | canceled}, then {@code transcribed} once the post-call
 * payload is reconciled. Callbacks arrive twice, late and out of order, so a session only ever moves
 * forward: a terminal state is final, and only {@code transcribed} may follow it.
 */
public enum SessionStatus {
    CREATED("created", 0),
    QUEUED("queued", 1),
    INITIATED("initiated", 2),
    RINGING("ringing", 3),
    IN_PROGRESS("in-progress", 4),
    COMPLETED("completed", 5),
    BUSY("busy", 5),
    NO_ANSWER("no-answer", 5),
    FAILED("failed", 5),
    CANCELED("canceled", 5),
    TRANSCRIBED("transcribed", 6);

    private final String code;
    private final int rank;

    SessionStatus(String code, int rank) {
        this.code = code;
        this.rank = rank;
    }

    /** Twilio's name for the status ({@code in-progress}, {@code no-answer}, ...), also stored in the database. */
    public String code() {
        return code;
    }

    public boolean isTerminal() {
        return rank == 5;
    }

    /** Whether a session in this state may move to {@code next}; a duplicate (same state) may not. */
    public boolean canMoveTo(SessionStatus next) {
        return next.rank > rank;
    }

    public static Optional<SessionStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equalsIgnoreCase(code)).findFirst();
    }

    /** Every state that may move to {@code next}: what a conditional UPDATE accepts. */
    public static java.util.List<String> predecessorCodes(SessionStatus next) {
        return Arrays.stream(values()).filter(s -> s.canMoveTo(next)).map(SessionStatus::code).toList();
    }
}
