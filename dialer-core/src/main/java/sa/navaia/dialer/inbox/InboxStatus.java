package sa.navaia.dialer.inbox;

/** Where a stored webhook payload stands: waiting, applied, given up on (after its retries), or matching no session. */
public enum InboxStatus {
    PENDING("pending"),
    PROCESSED("processed"),
    FAILED("failed"),
    UNMATCHED("unmatched");

    private final String code;

    InboxStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static InboxStatus fromCode(String code) {
        for (InboxStatus status : values()) {
            if (status.code.equals(code)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown inbox status \"" + code + "\"; expected pending, processed, failed or unmatched.");
    }
}
