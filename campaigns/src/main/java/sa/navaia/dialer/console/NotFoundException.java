package sa.navaia.dialer.console;

/** A campaign, import or other thing asked for by id that does not exist: 404. */
class NotFoundException extends RuntimeException {
    NotFoundException(String message) {
        super(message);
    }
}
