package sa.navaia.dialer.contact;

/** A number already in a campaign, with the import and line it came from (null when added otherwise). */
public record ExistingContact(String phoneE164, Long importId, Long lineNumber) {

    /** True when this contact was stored from exactly that import and line. */
    public boolean cameFrom(long importId, long lineNumber) {
        return this.importId != null && this.importId == importId
                && this.lineNumber != null && this.lineNumber == lineNumber;
    }
}
