package sa.navaia.dialer.dialing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.campaign.CampaignStatus;

/**
 * A campaign's status as the dialer sees it right before each create-call request: read from the
 * database at most every {@link #FRESH_FOR} per campaign and process, so that a pause or a cancel
 * committed anywhere stops this process's requests within that time plus one request's flight, at the
 * cost of a few primary-key reads a second however fast the campaign dials. A campaign no longer
 * found reads as {@code CANCELLED}.
 */
public final class CampaignStates {

    public static final Duration FRESH_FOR = Duration.ofMillis(250);
    private static final String STATUS = "SELECT status FROM campaigns WHERE id = :id";

    private record Seen(CampaignStatus status, Instant readAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<Long, Seen> seen = new ConcurrentHashMap<>();

    public CampaignStates(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    /** The campaign's status as read at most {@link #FRESH_FOR} ago; one thread reads it when stale, the others wait for it. */
    public CampaignStatus current(long campaignId) {
        Seen last = seen.get(campaignId);
        if (last != null && fresh(last)) {
            return last.status();
        }
        return seen.compute(campaignId, (id, previous) -> previous != null && fresh(previous) ? previous : read(id)).status();
    }

    /** Forgets what was read, so the next question reads the database: a run starting now must see a resume at once. */
    public void forget(long campaignId) {
        seen.remove(campaignId);
    }

    private boolean fresh(Seen seen) {
        return clock.instant().isBefore(seen.readAt().plus(FRESH_FOR));
    }

    private Seen read(long campaignId) {
        Instant readAt = clock.instant();
        CampaignStatus status = jdbc.sql(STATUS).param("id", campaignId).query(String.class).optional()
                .map(CampaignStatus::fromCode).orElse(CampaignStatus.CANCELLED);
        return new Seen(status, readAt);
    }
}
