package sa.navaia.dialer.session;

/** What is known of a session before its call is placed. Nullable ids: an API call has no campaign or contact. */
public record NewSession(
        String id, String agentName, String customerPhone, String customerId,
        Long campaignId, Long contactId, Long attemptId) {
}
