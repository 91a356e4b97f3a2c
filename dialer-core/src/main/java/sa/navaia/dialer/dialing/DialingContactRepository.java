package sa.navaia.dialer.dialing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.dnc.DoNotCallScope;

/**
 * The dial job's view of {@code contacts}: which are due, and how a decision or an outcome moves them.
 * Claiming a contact for a dial is {@link CallAttemptRepository#openDial}, in the attempt's transaction.
 *
 * <p>Statuses: {@code pending} (never dialed), {@code retry} (due again at {@code next_attempt_at}),
 * {@code dialing} (an attempt is open), {@code done} (final, with {@code final_outcome}),
 * {@code suppressed} (a permanent skip reason, with it as {@code final_outcome}).
 */
public final class DialingContactRepository {

    /**
     * The do-not-call list the contact's number is on as the page is read (the system list wins over the
     * campaign's), looked up with the page rather than once per contact. The claim checks the lists again.
     */
    private static final String DO_NOT_CALL_LISTING = """
            (SELECT MAX(d.scope) FROM dnc_numbers d
              WHERE d.phone_e164 = contacts.phone_e164
                AND d.scope IN ('system', CONCAT('campaign:', contacts.campaign_id))) AS dnc_scope""";
    /**
     * The ids of the due contacts of one status from {@code :afterId} on, in id order, from ix_contacts_campaign_status_id
     * alone: a range from {@code (campaign, status, afterId)}. Left to itself, MariaDB 10.11 looked the index up by
     * campaign and status only and filtered {@code id > :afterId} row by row, so each page read every contact before
     * it (753,000 index entries and 440 ms for a page three quarters into a 1,000,000-contact campaign, 0.4 ms with the
     * hint): a pass cost the square of the list. H2 reads the same hint.
     */
    private static final String DUE_IDS_OF_STATUS = """
            (SELECT id FROM contacts USE INDEX (ix_contacts_campaign_status_id)
              WHERE campaign_id = :campaignId AND status = '%s'
                AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
                AND id > :afterId
              ORDER BY id
              LIMIT :limit)""";
    /**
     * The next page in id order: the ids of pending and of retry contacts, each walked in its own range of the index and
     * merged, then their rows. With one {@code status IN (...)}, or with the rows' columns in the same select, MariaDB
     * walked the primary key from the first contact of every campaign (980,000 rows for a page of a new campaign).
     */
    private static final String DUE_PAGE = """
            SELECT contacts.id, campaign_id, phone_e164, customer_id, time_zones, consent, status, attempts_made,
                   next_attempt_at, last_attempt_at, us_state, %s
              FROM (%s
                    UNION ALL
                    %s) due
              JOIN contacts ON contacts.id = due.id
             ORDER BY contacts.id
             LIMIT :limit""".formatted(DO_NOT_CALL_LISTING, DUE_IDS_OF_STATUS.formatted("pending"),
                                       DUE_IDS_OF_STATUS.formatted("retry"));
    private static final String NEXT_DUE = """
            SELECT MIN(next_attempt_at) AS next_due FROM contacts
             WHERE campaign_id = :campaignId AND status IN ('pending', 'retry') AND next_attempt_at > :now""";
    private static final String FIND = """
            SELECT id, campaign_id, phone_e164, customer_id, time_zones, consent, status, attempts_made,
                   next_attempt_at, last_attempt_at, us_state, %s
              FROM contacts WHERE id = :id""".formatted(DO_NOT_CALL_LISTING);
    /** A skip that time will cure: the contact waits, untouched otherwise. Only while nobody claimed it. */
    private static final String POSTPONE = """
            UPDATE contacts SET next_attempt_at = :at, updated_at = :now
             WHERE id IN (:ids) AND status IN ('pending', 'retry')""";
    /** A permanent skip reason: never dialed in this campaign again. */
    private static final String SUPPRESS = """
            UPDATE contacts SET status = 'suppressed', final_outcome = :outcome, next_attempt_at = NULL, updated_at = :now
             WHERE id = :id AND status IN ('pending', 'retry')""";
    /** After an attempt: due again at {@code at}. Only from {@code dialing}, so a late duplicate changes nothing. */
    private static final String RETRY = """
            UPDATE contacts SET status = 'retry', next_attempt_at = :at, updated_at = :now
             WHERE id = :id AND status = 'dialing'""";
    /**
     * After an attempt that placed no call: the attempt is given back ({@code attempts_made} lowered), the
     * contact is due again at {@code at}, and the last attempt is the last one that did reach the carrier,
     * so the minimum gap is counted from a real call.
     */
    private static final String RETURN_ATTEMPT = """
            UPDATE contacts SET status = 'retry', attempts_made = attempts_made - 1, next_attempt_at = :at, updated_at = :now,
                   last_attempt_at = (SELECT MAX(a.decided_at) FROM call_attempts a
                                       WHERE a.contact_id = :id AND a.decision = 'dial' AND a.status IN ('placed', 'ended'))
             WHERE id = :id AND status = 'dialing' AND attempts_made > 0""";
    private static final String FINISH = """
            UPDATE contacts SET status = 'done', final_outcome = :outcome, next_attempt_at = NULL, updated_at = :now
             WHERE id = :id AND status = 'dialing'""";
    /** How many of the contact's attempts ended this way (an outcome's own retry limit counts them). */
    private static final String ENDED_WITH = """
            SELECT COUNT(*) FROM call_attempts WHERE contact_id = :contactId AND decision = 'dial' AND outcome = :outcome""";
    private static final String COUNT_BY_STATUS = """
            SELECT status, COUNT(*) AS n FROM contacts WHERE campaign_id = :campaignId GROUP BY status ORDER BY status""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final Clock clock;

    public DialingContactRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.batch = new NamedParameterJdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** Due contacts of a campaign with ids above {@code afterId}, in id order: one page of a pass. */
    public List<DueContact> duePage(long campaignId, Instant now, long afterId, int limit) {
        return jdbc.sql(DUE_PAGE).param("campaignId", campaignId).param("now", SqlTime.utc(now))
                .param("afterId", afterId).param("limit", limit).query(DialingContactRepository::map).list();
    }

    /** When the next pending or retry contact becomes due, if one is waiting. */
    public Optional<Instant> nextDueAfter(long campaignId, Instant now) {
        return jdbc.sql(NEXT_DUE).param("campaignId", campaignId).param("now", SqlTime.utc(now))
                .query((rs, row) -> Optional.ofNullable(SqlTime.instant(rs, "next_due"))).single();
    }

    public Optional<DueContact> find(long contactId) {
        return jdbc.sql(FIND).param("id", contactId).query(DialingContactRepository::map).optional();
    }

    /**
     * Contacts a skip that time will cure waits for ({@link #POSTPONE}): contact id to the instant it is due again. Until
     * then the reader does not see them. One statement per instant (a page of one time zone's contacts all wait for the
     * same opening), not one per contact.
     */
    public void postponeAll(Map<Long, Instant> dueAgainAt) {
        Object now = now();
        Map<Instant, List<Long>> byInstant = dueAgainAt.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
                Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        byInstant.forEach((at, ids) -> jdbc.sql(POSTPONE).param("ids", ids).param("at", SqlTime.utc(at)).param("now", now)
                .update());
    }

    /** Contacts with a permanent skip reason ({@link #SUPPRESS}), as one JDBC batch: contact id to that reason. */
    public void suppressAll(Map<Long, String> outcomes) {
        Object now = now();
        batch.batchUpdate(SUPPRESS, outcomes.entrySet().stream()
                .map(e -> new MapSqlParameterSource("id", e.getKey()).addValue("outcome", e.getValue()).addValue("now", now))
                .toArray(SqlParameterSource[]::new));
    }

    public boolean retryAt(long contactId, Instant at) {
        return jdbc.sql(RETRY).param("id", contactId).param("at", SqlTime.utc(at)).param("now", now()).update() == 1;
    }

    /** See {@link CallAttemptRepository#returnAttempt}, which runs this in the attempt's transaction. */
    boolean returnAttempt(long contactId, Instant at) {
        return jdbc.sql(RETURN_ATTEMPT).param("id", contactId).param("at", SqlTime.utc(at)).param("now", now()).update() == 1;
    }

    public boolean finish(long contactId, String outcome) {
        return jdbc.sql(FINISH).param("id", contactId).param("outcome", outcome).param("now", now()).update() == 1;
    }

    public int endedWith(long contactId, String outcome) {
        return jdbc.sql(ENDED_WITH).param("contactId", contactId).param("outcome", outcome).query(Integer.class).single();
    }

    /** How many contacts of the campaign are in each status, for progress and summaries. */
    public java.util.Map<String, Long> countByStatus(long campaignId) {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.sql(COUNT_BY_STATUS).param("campaignId", campaignId)
                .query(rs -> {
                    counts.put(rs.getString("status"), rs.getLong("n"));
                });
        return counts;
    }

    private Object now() {
        return SqlTime.utc(clock.instant());
    }

    static DueContact map(ResultSet rs, int row) throws SQLException {
        return new DueContact(rs.getLong("id"), rs.getLong("campaign_id"), rs.getString("phone_e164"),
                Optional.ofNullable(rs.getString("customer_id")), Optional.ofNullable(rs.getString("time_zones")),
                rs.getBoolean("consent"), rs.getString("status"), rs.getInt("attempts_made"),
                Optional.ofNullable(SqlTime.instant(rs, "next_attempt_at")),
                Optional.ofNullable(SqlTime.instant(rs, "last_attempt_at")),
                Optional.ofNullable(rs.getString("dnc_scope")).map(DoNotCallScope::new),
                Optional.ofNullable(rs.getString("us_state")));
    }
}
