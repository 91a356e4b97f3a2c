package sa.navaia.dialer.eligibility;

import java.util.Locale;

/**
 * How an attempt ended, for the retry decision. {@link #code()} uses Twilio's spelling where Twilio has
 * one ({@code no-answer}). Busy, no-answer, failed, voicemail and agent-unavailable are retried while attempts remain; the
 * others are final. Canceled is final: only we cancel a call (an operator or a stopping campaign), and a
 * person must not be called again behind the operator's back.
 */
public enum AttemptOutcome {
    COMPLETED(false), BUSY(true), NO_ANSWER(true), FAILED(true), VOICEMAIL(true),
    /** A person answered and no agent spoke: the agent's leg failed, or ElevenLabs could not be reached. */
    AGENT_UNAVAILABLE(true),
    CANCELED(false), OPTED_OUT(false), INVALID(false), DO_NOT_CALL(false);

    private final boolean retryable;

    AttemptOutcome(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads {@code no-answer}, {@code no_answer}, {@code NO_ANSWER}, {@code cancelled}, ... */
    public static AttemptOutcome of(String code) {
        String wanted = code == null ? "" : code.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (wanted.equals("CANCELLED")) {
            return CANCELED;
        }
        for (AttemptOutcome outcome : values()) {
            if (outcome.name().equals(wanted)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("\"" + code + "\" is not a call outcome; expected one of completed, busy, no-answer,"
                + " failed, voicemail, agent-unavailable, canceled, opted-out, invalid, do-not-call.");
    }
}
