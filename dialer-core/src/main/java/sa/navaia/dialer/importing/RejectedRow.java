package sa.navaia.dialer.importing;

import java.util.Objects;

/**
 * A row of a list that was not imported as a dialable contact: its physical line number (of its first
 * line, for quoted fields that span lines), a stable reason code ({@code INVALID_NUMBER},
 * {@code DUPLICATE_IN_FILE}, ...), a sentence naming the line and value, and the row's original values
 * (encoded by the caller, e.g. as a JSON array).
 */
public record RejectedRow(long importId, long lineNumber, String reasonCode, String reason, String rawValues) {

    public RejectedRow {
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(reason, "reason");
    }
}
