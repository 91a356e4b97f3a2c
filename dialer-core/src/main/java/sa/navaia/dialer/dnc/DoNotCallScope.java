package sa.navaia.dialer.dnc;

/** Which do-not-call list a number is on: the system-wide one, or one campaign's own. */
public record DoNotCallScope(String code) {

    public static final DoNotCallScope SYSTEM = new DoNotCallScope("system");

    public static DoNotCallScope campaign(long campaignId) {
        return new DoNotCallScope("campaign:" + campaignId);
    }

    public boolean isSystem() {
        return this.equals(SYSTEM);
    }
}
