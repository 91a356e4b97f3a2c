package sa.navaia.dialer.sandbox;

/** How the callee's side of a simulated call turns out. */
public enum Outcome {
    /** A person answers. */
    COMPLETED,
    BUSY,
    NO_ANSWER,
    FAILED,
    /**
     * An answering machine picks up: with {@code MachineDetection=Enable} Twilio answers {@code machine_start}; with
     * {@code DetectMessageEnd} it waits for the greeting's end ({@code machine_end_beep}, {@code _silence},
     * {@code _other}).
     */
    VOICEMAIL,
    /** A fax machine picks up: {@code AnsweredBy=fax} when detection was requested. */
    FAX;

    boolean isAnswered() {
        return this == COMPLETED || this == VOICEMAIL || this == FAX;
    }

    boolean isMachine() {
        return this == VOICEMAIL || this == FAX;
    }
}
