package sa.navaia.dialer.phone;

import java.util.Objects;

/** The outcome of {@link PhoneNumbers#parse}: a dialable number, or the reason it is not one. */
public sealed interface ParseResult {

    record Valid(PhoneNumber number) implements ParseResult {
        public Valid {
            Objects.requireNonNull(number, "number");
        }
    }

    record Invalid(Reason reason, String message) implements ParseResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
