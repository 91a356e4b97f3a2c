package sa.navaia.dialer.sandbox;

/** What the customer wants from the agent, once an answered call reaches it. */
public enum Conversation {
    BOOKING("booking"),
    SUPPORT_TICKET("support"),
    OPT_OUT("opt_out"),
    NO_INTENT("none");

    private final String intent;

    Conversation(String intent) {
        this.intent = intent;
    }

    /** The value of the {@code intent} data collection result. */
    public String intent() {
        return intent;
    }
}
