package sa.navaia.dialer.postcall;

/** A post-call body that cannot be read; the message says what is wrong with it. */
public final class MalformedPayloadException extends IllegalArgumentException {

    public MalformedPayloadException(String message) {
        super(message);
    }
}
