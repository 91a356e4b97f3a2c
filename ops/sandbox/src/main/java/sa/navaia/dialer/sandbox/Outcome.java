package sa.navaia.dialer.sandbox;

/** How the callee's side of a simulated call turns out. */
public enum Outcome {
    /** A person answers. */
    COMPLETED,
    BUSY,
    NO_ANSWER,
    FAILED,
    /** An answering machine picks up: {@code AnsweredBy=machine_start} when detection was requested. */
    VOICEMAIL;

    boolean isAnswered() {
        return this == COMPLETED || this == VOICEMAIL;
    }
}
