package sa.navaia.dialer.elevenlabs;

/** The verdict on an {@code ElevenLabs-Signature} header. */
public enum SignatureCheck {
    VALID,
    MISSING,
    MALFORMED,
    EXPIRED,
    MISMATCH;

    public boolean isValid() {
        return this == VALID;
    }
}
