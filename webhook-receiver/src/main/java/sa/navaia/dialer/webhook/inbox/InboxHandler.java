package sa.navaia.dialer.webhook.inbox;

import sa.navaia.dialer.inbox.InboxMessage;

/**
 * Applies one kind of stored webhook payload. Runs inside the payload's transaction and must be
 * idempotent: a payload may be applied again after a crash, a retry or a race with the poller.
 */
public interface InboxHandler {

    /** What applying did: {@code matched} false keeps the payload as {@code unmatched} with the detail. */
    record Applied(boolean matched, String detail) {

        public static Applied done(String detail) {
            return new Applied(true, detail);
        }

        public static Applied unmatched(String detail) {
            return new Applied(false, detail);
        }
    }

    boolean handles(String source, String eventType);

    Applied apply(InboxMessage message);
}
