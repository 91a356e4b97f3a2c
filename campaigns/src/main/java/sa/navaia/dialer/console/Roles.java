package sa.navaia.dialer.console;

/** The {@code @PreAuthorize} rules, named once: who may run campaigns, manage do-not-call, read the audit log. */
final class Roles {

    static final String RUNS_CAMPAIGNS = "hasAnyRole('ADMIN', 'CAMPAIGN_MANAGER')";
    static final String STOPS_CALLS = "hasAnyRole('ADMIN', 'CAMPAIGN_MANAGER', 'COMPLIANCE')";
    static final String READS_AUDIT = "hasAnyRole('ADMIN', 'COMPLIANCE')";
    static final String MANAGES_DNC = "hasAnyRole('ADMIN', 'COMPLIANCE')";

    private Roles() {
    }
}
