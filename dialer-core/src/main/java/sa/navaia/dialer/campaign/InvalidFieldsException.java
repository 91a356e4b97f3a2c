package sa.navaia.dialer.campaign;

import java.util.List;
import java.util.stream.Collectors;

/** Every field of a form that cannot be used, each with its sentence; the message joins them. */
public final class InvalidFieldsException extends IllegalArgumentException {

    private final transient List<FieldError> errors;

    public InvalidFieldsException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::message).collect(Collectors.joining(" ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
