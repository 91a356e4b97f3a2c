package sa.navaia.dialer.console;

/**
 * An uploaded file that was read, but whose content cannot be used, such as a CSV without a phone column: 422
 * naming the field. A request the server cannot read at all stays a {@link FieldException} (400).
 */
class InvalidFileException extends FieldException {

    InvalidFileException(String field, String message) {
        super(field, message);
    }
}
