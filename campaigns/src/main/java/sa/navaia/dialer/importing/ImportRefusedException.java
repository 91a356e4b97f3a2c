package sa.navaia.dialer.importing;

/** A list that cannot be imported at all; the message is the one sentence shown to the manager. */
final class ImportRefusedException extends RuntimeException {

    ImportRefusedException(String message) {
        super(message);
    }
}
