package sa.navaia.dialer.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;

/**
 * The default {@link CallOutcomeListener}: busy, no-answer, failed and voicemail put the contact back as
 * {@code retry} after the campaign's backoff while attempts remain; anything else, or no attempts left,
 * closes it as {@code done} with its final outcome. Sessions without a contact (API calls) are left alone.
 */
public final class ContactRetryScheduler implements CallOutcomeListener {

    private static final Set<String> RETRYABLE = Set.of("busy", "no-answer", "failed", "voicemail");
    private static final String CONTACT_AND_CAMPAIGN = """
            SELECT c.attempts_made, k.max_attempts, k.retry_backoff_minutes
              FROM contacts c JOIN campaigns k ON k.id = c.campaign_id
             WHERE c.id = :id""";
    private static final String RETRY = """
            UPDATE contacts SET status = 'retry', next_attempt_at = :next, updated_at = :now
             WHERE id = :id AND status <> 'done'""";
    private static final String DONE = """
            UPDATE contacts SET status = 'done', final_outcome = :outcome, next_attempt_at = NULL, updated_at = :now
             WHERE id = :id AND status <> 'done'""";

    private record Plan(int attemptsMade, int maxAttempts, String backoffMinutes) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public ContactRetryScheduler(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    @Override
    public void callEnded(VoiceSession session, String outcome, Instant at) {
        if (session.contactId().isEmpty()) {
            return;
        }
        long contactId = session.contactId().get();
        var plan = jdbc.sql(CONTACT_AND_CAMPAIGN).param("id", contactId)
                .query((rs, row) -> new Plan(rs.getInt(1), rs.getInt(2), rs.getString(3))).optional();
        if (plan.isEmpty()) {
            return;
        }
        Object now = SqlTime.utc(clock.instant());
        if (RETRYABLE.contains(outcome) && plan.get().attemptsMade() < plan.get().maxAttempts()) {
            Instant next = at.plus(backoff(plan.get().backoffMinutes(), plan.get().attemptsMade()));
            jdbc.sql(RETRY).param("next", SqlTime.utc(next)).param("now", now).param("id", contactId).update();
        } else {
            jdbc.sql(DONE).param("outcome", outcome).param("now", now).param("id", contactId).update();
        }
    }

    /** The n-th retry waits the n-th value of {@code 60,240,1440}; the last value repeats. */
    static Duration backoff(String minutesList, int attemptsMade) {
        List<Long> minutes = Arrays.stream(minutesList.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Long::parseLong).toList();
        if (minutes.isEmpty()) {
            return Duration.ofHours(1);
        }
        int index = Math.min(Math.max(attemptsMade - 1, 0), minutes.size() - 1);
        return Duration.ofMinutes(minutes.get(index));
    }
}
