package sa.navaia.dialer.report;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;

/** Reads a campaign's {@link CampaignProgress} from the call attempts and sessions every worker writes. */
public final class CampaignProgressRepository {

    public static final Duration RATE_WINDOW = Duration.ofSeconds(10);
    private static final String COUNTS = """
            SELECT COUNT(*) AS placed, COALESCE(SUM(CASE WHEN placed_at >= :since THEN 1 ELSE 0 END), 0) AS recent
              FROM call_attempts WHERE campaign_id = :campaignId AND placed_at IS NOT NULL""";
    /**
     * Every skip the campaign has had, by reason, from the counters the skip writer keeps beside the rows: a few rows
     * a poll, however many nights of skips the campaign has (counting the rows read two million index entries a poll
     * after two nights of a million-contact list).
     */
    private static final String SKIPS = """
            SELECT reason_code, skips FROM campaign_skip_counts WHERE campaign_id = :campaignId ORDER BY reason_code""";
    private static final String LIVE = """
            SELECT COUNT(*) FROM voice_sessions
             WHERE campaign_id = :campaignId AND status IN ('queued', 'initiated', 'ringing', 'in-progress')""";
    private static final String STATUS = "SELECT status FROM campaigns WHERE id = :campaignId";

    private final JdbcClient jdbc;
    private final Clock clock;

    public CampaignProgressRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    public CampaignProgress progress(long campaignId) {
        long[] counts = jdbc.sql(COUNTS).param("campaignId", campaignId)
                .param("since", SqlTime.utc(clock.instant().minus(RATE_WINDOW)))
                .query((rs, row) -> new long[] {rs.getLong("placed"), rs.getLong("recent")}).single();
        Map<String, Long> skips = new LinkedHashMap<>();
        jdbc.sql(SKIPS).param("campaignId", campaignId).query(rs -> {
            skips.put(rs.getString("reason_code"), rs.getLong("skips"));
        });
        long live = jdbc.sql(LIVE).param("campaignId", campaignId).query(Long.class).single();
        String status = jdbc.sql(STATUS).param("campaignId", campaignId).query(String.class).optional().orElse("unknown");
        return new CampaignProgress(campaignId, status, counts[0], skips.values().stream().mapToLong(Long::longValue).sum(),
                skips, live, counts[1] / (double) RATE_WINDOW.toSeconds());
    }
}
