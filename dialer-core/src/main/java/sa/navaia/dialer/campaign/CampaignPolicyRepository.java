package sa.navaia.dialer.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.eligibility.OutcomeRetry;

/** Campaigns' compliance policies in {@code campaign_policies}; a campaign without a row has {@link CampaignPolicy#defaults}. */
public final class CampaignPolicyRepository {

    private static final String SELECT = "SELECT * FROM campaign_policies WHERE campaign_id = :id";
    private static final String IDENTIFICATION_MESSAGES = """
            SELECT campaign_id, identification_message FROM campaign_policies
             WHERE identification_message IS NOT NULL
             ORDER BY updated_at DESC, campaign_id LIMIT :limit""";
    private static final String UPDATE = """
            UPDATE campaign_policies SET opt_out_scope = :optOutScope, retry_rules = :retryRules,
                   voicemail_policy = :voicemail, voicemail_message = :message, identification_message = :identification,
                   updated_at = :now
             WHERE campaign_id = :id""";
    private static final String INSERT = """
            INSERT INTO campaign_policies (campaign_id, opt_out_scope, retry_rules, voicemail_policy, voicemail_message,
                                           identification_message, updated_at)
            VALUES (:id, :optOutScope, :retryRules, :voicemail, :message, :identification, :now)""";

    private final JdbcClient jdbc;
    private final Clock clock;

    public CampaignPolicyRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    public CampaignPolicy of(long campaignId) {
        return jdbc.sql(SELECT).param("id", campaignId).query(CampaignPolicyRepository::map).optional()
                .orElseGet(() -> CampaignPolicy.defaults(campaignId));
    }

    /** The identification messages of the campaigns that have one, the most recently set first, at most {@code limit}. */
    public Map<Long, String> identificationMessages(int limit) {
        Map<Long, String> messages = new HashMap<>();
        jdbc.sql(IDENTIFICATION_MESSAGES).param("limit", limit)
                .query((rs, row) -> Map.entry(rs.getLong("campaign_id"), rs.getString("identification_message"))).list()
                .forEach(entry -> messages.put(entry.getKey(), entry.getValue()));
        return messages;
    }

    public CampaignPolicy save(CampaignPolicy policy) {
        var update = bind(jdbc.sql(UPDATE), policy);
        if (update.update() == 0) {
            bind(jdbc.sql(INSERT), policy).update();
        }
        return of(policy.campaignId());
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, CampaignPolicy policy) {
        return spec.param("id", policy.campaignId()).param("optOutScope", policy.optOutScope().code())
                .param("retryRules", policy.retries().isEmpty() ? null : OutcomeRetry.format(policy.retries()))
                .param("voicemail", policy.voicemail().code()).param("message", policy.voicemailMessage().orElse(null))
                .param("identification", policy.identificationMessage().orElse(null))
                .param("now", SqlTime.utc(clock.instant()));
    }

    private static CampaignPolicy map(ResultSet rs, int row) throws SQLException {
        return new CampaignPolicy(rs.getLong("campaign_id"), CampaignPolicy.OptOutScope.of(rs.getString("opt_out_scope")),
                OutcomeRetry.parseRules(rs.getString("retry_rules")),
                CampaignPolicy.VoicemailPolicy.of(rs.getString("voicemail_policy")),
                Optional.ofNullable(rs.getString("voicemail_message")),
                Optional.ofNullable(rs.getString("identification_message")));
    }
}
