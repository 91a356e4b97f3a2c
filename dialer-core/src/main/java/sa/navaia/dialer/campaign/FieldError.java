package sa.navaia.dialer.campaign;

/** A value a user gave that cannot be used: which field, and a sentence saying what would be right. */
public record FieldError(String field, String message) {
}
