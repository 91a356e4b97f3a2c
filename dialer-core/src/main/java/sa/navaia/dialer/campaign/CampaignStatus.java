package sa.navaia.dialer.campaign;

/** A campaign dials only while ACTIVE; CANCELLED and COMPLETED are final. */
public enum CampaignStatus {
    DRAFT,
    ACTIVE,
    PAUSED,
    CANCELLED,
    COMPLETED;

    public boolean isFinal() {
        return this == CANCELLED || this == COMPLETED;
    }

    public String code() {
        return name().toLowerCase();
    }

    public static CampaignStatus fromCode(String code) {
        return valueOf(code.toUpperCase());
    }
}
