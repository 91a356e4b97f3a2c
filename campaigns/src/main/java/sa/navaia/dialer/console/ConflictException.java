package sa.navaia.dialer.console;

/** An action the thing's current state does not allow, such as pausing a draft: 409. */
class ConflictException extends RuntimeException {
    ConflictException(String message) {
        super(message);
    }
}
