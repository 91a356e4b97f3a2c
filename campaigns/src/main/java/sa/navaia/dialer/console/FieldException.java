package sa.navaia.dialer.console;

/** A request whose one field cannot be used: 400 naming the field. */
class FieldException extends RuntimeException {

    private final String field;

    FieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
