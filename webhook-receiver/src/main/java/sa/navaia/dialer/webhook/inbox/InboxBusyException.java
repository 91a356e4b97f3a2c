package sa.navaia.dialer.webhook.inbox;

/** The receiver cannot take a payload now (its write queue is full, or it is stopping): nothing was stored. */
public final class InboxBusyException extends RuntimeException {

    InboxBusyException() {
        super("The receiver is too busy to store this webhook now; nothing was stored. Please retry.");
    }
}
