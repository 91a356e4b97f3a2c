package sa.navaia.dialer.session;

/**
 * What is known of a session before its call is placed. Nullable ids: an API call has no campaign or contact. A test
 * call has no contact of its own but may speak to the agent as one ({@code contextContactId}).
 */
public record NewSession(
        String id, String agentName, String customerPhone, String customerId,
        Long campaignId, Long contactId, Long attemptId, Long contextContactId) {

    public NewSession(String id, String agentName, String customerPhone, String customerId,
                      Long campaignId, Long contactId, Long attemptId) {
        this(id, agentName, customerPhone, customerId, campaignId, contactId, attemptId, null);
    }
}
