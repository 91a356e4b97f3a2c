package sa.navaia.dialer.webhook.inbox;

/** The receiver cannot take a payload now (its queue or its journal is full, or it is stopping): nothing was stored. */
public final class InboxBusyException extends RuntimeException {

    InboxBusyException() {
        this("The receiver is too busy to store this webhook now; nothing was stored. Please retry.");
    }

    InboxBusyException(String message) {
        super(message);
    }
}
