package sa.navaia.dialer.dialing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.db.LockConflicts;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.dnc.DoNotCallScope;
import sa.navaia.dialer.eligibility.Decision;
import sa.navaia.dialer.session.NewSession;
import sa.navaia.dialer.session.SessionIds;
import sa.navaia.dialer.session.SessionStatus;
import sa.navaia.dialer.session.VoiceSessionRepository;

/**
 * The compliance record, {@code call_attempts}: every decision to dial (with its attempt number, unique
 * per contact) and every decision not to (with its reason).
 *
 * <p>At most once: {@link #openDial} claims the contact with a conditional UPDATE, inserts the attempt
 * with its unique key {@code (contact_id, attempt_number)}, and creates the voice session and call rows,
 * all in one transaction of its own that is committed before the caller places the call. Two workers
 * racing for one contact: exactly one UPDATE matches. An attempt then moves {@code dialing →
 * placed | unknown | not_placed}, and {@code unknown → placed | not_placed}, each move conditional.
 */
public final class CallAttemptRepository {

    /** The claim: only a contact still due, with the attempt count this worker read, and not on a do-not-call list now. */
    private static final String CLAIM_CONTACT = """
            UPDATE contacts
               SET status = 'dialing', attempts_made = attempts_made + 1, last_attempt_at = :now,
                   next_attempt_at = NULL, updated_at = :now
             WHERE id = :id AND status IN ('pending', 'retry') AND attempts_made = :attemptsMade
               AND NOT EXISTS (SELECT 1 FROM dnc_numbers d
                                WHERE d.phone_e164 = contacts.phone_e164 AND d.scope IN ('system', :campaignScope))""";
    private static final String INSERT = """
            INSERT INTO call_attempts (campaign_id, contact_id, attempt_number, decision, reason_code, reason_detail,
                                       phone_e164, caller_id, recipient_zone, recipient_local_time, status,
                                       session_id, run_id, decided_at, registry_date)
            VALUES (:campaignId, :contactId, :attemptNumber, :decision, :reasonCode, :reasonDetail,
                    :phone, :callerId, :zone, :localTime, :status, :sessionId, :runId, :now, :registryDate)""";
    /**
     * The console's skips by reason, kept beside the skip rows (V18_1): the first skip of a reason in a campaign adds
     * its row, every batch after that adds to it, in the transaction of the batch's rows. Counted by the rows'
     * {@code reason_code} ({@code Decision.code()}, the state rule included: {@code state_frequency_cap_OK}), as V18_1
     * counted the skips before it.
     */
    private static final String ADD_SKIP_COUNT = """
            UPDATE campaign_skip_counts SET skips = skips + :skips WHERE campaign_id = :campaignId AND reason_code = :reason""";
    private static final String INSERT_SKIP_COUNT = """
            INSERT INTO campaign_skip_counts (campaign_id, reason_code, skips) VALUES (:campaignId, :reason, :skips)""";
    private static final String MARK_PLACED = """
            UPDATE call_attempts SET status = 'placed', call_sid = :callSid, placed_at = :now
             WHERE id = :id AND status IN ('dialing', 'unknown')""";
    private static final String RECORD_VOICEMAIL_ACTION = """
            UPDATE call_attempts SET voicemail_action = :action WHERE session_id = :sessionId""";
    private static final String RECORD_IDENTIFICATION = """
            UPDATE call_attempts SET identification_message = :message WHERE session_id = :sessionId""";
    private static final String RECORD_KEY_PRESS_OPT_OUT = """
            UPDATE call_attempts SET key_press_opt_out_at = :at
             WHERE session_id = :sessionId AND key_press_opt_out_at IS NULL""";
    private static final String RECORD_CALL_SID = """
            UPDATE call_attempts SET call_sid = :callSid WHERE id = :id AND call_sid IS NULL""";
    /**
     * An attempt that never reached Twilio gives the contact its attempt back: the row stays in the record,
     * {@code not_placed}, and its reason detail says so (the report shows it beside the error code).
     */
    private static final String MARK_RETURNED = """
            UPDATE call_attempts SET status = 'not_placed', error_code = :code, error_message = :message, ended_at = :now,
                   reason_detail = LEFT(CONCAT(COALESCE(reason_detail, ''), :returned), 1000)
             WHERE id = :id AND status IN ('dialing', 'unknown')""";
    /**
     * A call whose final callback ended its attempt before the worker recorded the SID (the worker crashed,
     * or its request got no clear answer): the receiver attached the SID to the session; the attempt takes it.
     */
    private static final String SID_FROM_SESSION = """
            UPDATE call_attempts SET call_sid = (SELECT s.call_sid FROM voice_sessions s WHERE s.id = call_attempts.session_id)
             WHERE status = 'ended' AND call_sid IS NULL AND decision = 'dial' AND session_id IS NOT NULL %s
               AND EXISTS (SELECT 1 FROM voice_sessions s WHERE s.id = call_attempts.session_id AND s.call_sid IS NOT NULL)""";
    /** Attempt numbers keep counting past returned attempts, so each row keeps its unique key. */
    private static final String LAST_ATTEMPT_NUMBER = """
            SELECT COALESCE(MAX(attempt_number), 0) FROM call_attempts WHERE contact_id = :contactId""";
    private static final String MARK_UNKNOWN = """
            UPDATE call_attempts SET status = 'unknown', error_message = :detail
             WHERE id = :id AND status = 'dialing'""";
    private static final String MARK_NOT_PLACED = """
            UPDATE call_attempts SET status = 'not_placed', error_code = :code, error_message = :message, ended_at = :now
             WHERE id = :id AND status IN ('dialing', 'unknown')""";
    /**
     * The session of an attempt that never reached Twilio ends {@code canceled} (no call exists, so nothing will ever
     * report on it), unless a call did turn up for it after all (it has a SID, or moved on).
     */
    private static final String CANCEL_UNPLACED_SESSION = """
            UPDATE voice_sessions SET status = 'canceled', updated_at = :now
             WHERE id = (SELECT session_id FROM call_attempts WHERE id = :id) AND status = 'created' AND call_sid IS NULL""";
    private static final String CANCEL_UNPLACED_CALL = """
            UPDATE calls SET status = 'canceled', updated_at = :now
             WHERE session_id = (SELECT session_id FROM call_attempts WHERE id = :id) AND status = 'created' AND call_sid IS NULL""";
    private static final String SELECT = "SELECT * FROM call_attempts";
    /** Old enough, or of a run whose heartbeat went stale (its worker is gone: nobody is waiting for Twilio's answer). */
    private static final String IN_FLIGHT = """
            SELECT a.* FROM call_attempts a LEFT JOIN dial_run_heartbeats h ON h.run_id = a.run_id
             WHERE a.status IN ('dialing', 'unknown')
               AND (a.decided_at <= :decidedBefore OR h.beat_at <= :staleBefore)
             ORDER BY a.id""";
    private static final String IN_FLIGHT_OF_RUN = SELECT + " " + """
             WHERE run_id = :runId AND status IN ('dialing', 'unknown') ORDER BY id""";
    private static final String LIVE_CALLS = """
            SELECT COUNT(*) FROM call_attempts a JOIN voice_sessions s ON s.id = a.session_id
             WHERE a.campaign_id = :campaignId AND a.status IN ('dialing', 'unknown', 'placed')
               AND a.decided_at >= :since AND s.status NOT IN (:terminal)""";
    private static final String SID_TAKEN = "SELECT COUNT(*) FROM call_attempts WHERE call_sid = :callSid";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final Clock clock;
    private final VoiceSessionRepository sessions;
    private final DialingContactRepository contacts;
    private final TransactionTemplate ownTransaction;

    public CallAttemptRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.batch = new NamedParameterJdbcTemplate(dataSource);
        this.clock = clock;
        this.sessions = new VoiceSessionRepository(dataSource, clock);
        this.contacts = new DialingContactRepository(dataSource, clock);
        this.ownTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * A call asked for through {@code /api/calls/initiate}: no campaign and no contact, but the same
     * compliance record. A dial is recorded {@code dialing} with its session before the API call.
     */
    public long recordApiDecision(String phone, String callerId, Decision decision, String sessionId) {
        return insert(null, null, phone, callerId, null, decision, decision.dial() ? "dialing" : "skipped", sessionId,
                "api", clock.instant());
    }

    /**
     * Records decisions not to dial, with their reasons (the contacts are left to the caller), as one JDBC batch (one statement on MySQL, whose driver
     * rewrites the batch into a multi-row INSERT): a skip costs about what an imported row does. The campaign's skip
     * counters by reason grow by the batch's in the caller's transaction.
     */
    public void recordSkips(Campaign campaign, List<DialPlan> skips, String runId) {
        if (skips.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        SqlParameterSource[] rows = skips.stream()
                .map(plan -> new MapSqlParameterSource(row(campaign.id(), plan.contact().id(), plan.contact().phoneE164(),
                        campaign.callerId(), null, plan.decision(), "skipped", null, runId, now)))
                .toArray(SqlParameterSource[]::new);
        batch.batchUpdate(INSERT, rows);
        // In the order of the reasons, so two runs of one campaign lock the counters in the same order.
        Map<String, Long> byReason = new TreeMap<>();
        skips.forEach(plan -> byReason.merge(plan.decision().code(), 1L, Long::sum));
        byReason.forEach((reason, count) -> addSkipCount(campaign.id(), reason, count));
    }

    private void addSkipCount(long campaignId, String reason, long count) {
        if (addToSkipCount(campaignId, reason, count) == 1) {
            return;
        }
        try {
            jdbc.sql(INSERT_SKIP_COUNT).param("campaignId", campaignId).param("reason", reason).param("skips", count).update();
        } catch (DuplicateKeyException addedMeanwhile) {
            addToSkipCount(campaignId, reason, count);
        }
    }

    private int addToSkipCount(long campaignId, String reason, long count) {
        return jdbc.sql(ADD_SKIP_COUNT).param("campaignId", campaignId).param("reason", reason).param("skips", count).update();
    }

    /**
     * Claims the contact and records the dial attempt, its voice session and call row, committed in a
     * transaction of its own (even inside a chunk's transaction). Empty when the contact was no longer
     * due as read: another worker claimed it, its attempt count moved, or it went on a do-not-call list.
     * A transaction MySQL picks as a deadlock victim is rolled back whole, claim included, and run again
     * (with many placer threads opening attempts at once, MariaDB was seen to pick one).
     */
    public Optional<OpenedAttempt> openDial(Campaign campaign, DueContact contact, Decision decision, String runId) {
        return LockConflicts.retry(() -> ownTransaction.execute(status -> {
            Instant now = clock.instant();
            int claimed = jdbc.sql(CLAIM_CONTACT).param("id", contact.id()).param("attemptsMade", contact.attemptsMade())
                    .param("campaignScope", DoNotCallScope.campaign(campaign.id()).code())
                    .param("now", SqlTime.utc(now)).update();
            if (claimed != 1) {
                return Optional.empty();
            }
            // The claim locks the contact's row: nobody else numbers an attempt of this contact meanwhile.
            int attemptNumber = jdbc.sql(LAST_ATTEMPT_NUMBER).param("contactId", contact.id()).query(Integer.class).single() + 1;
            String sessionId = SessionIds.next();
            long attemptId = insert(campaign, contact, attemptNumber, decision, "dialing", sessionId, runId, now);
            sessions.create(new NewSession(sessionId, campaign.agentName(), contact.phoneE164(),
                    contact.customerId().orElse(null), campaign.id(), contact.id(), attemptId));
            return Optional.of(new OpenedAttempt(attemptId, contact.id(), attemptNumber, contact.attemptsMade() + 1,
                    sessionId, contact.phoneE164(), campaign.callerId(), now));
        }));
    }

    /**
     * Twilio created the call: the attempt, its session and call row get the SID; the session is
     * {@code queued}. The call's final callback may have ended the attempt already; the SID is recorded
     * all the same. Retried when it loses a lock conflict with the receiver applying that callback.
     */
    public boolean markPlaced(long attemptId, String sessionId, String callSid, String callerId) {
        return LockConflicts.retry(() -> Boolean.TRUE.equals(ownTransaction.execute(status -> {
            int moved = jdbc.sql(MARK_PLACED).param("id", attemptId).param("callSid", callSid)
                    .param("now", SqlTime.utc(clock.instant())).update();
            if (moved == 1) {
                sessions.queued(sessionId, callSid, callerId);
                return true;
            }
            jdbc.sql(RECORD_CALL_SID).param("id", attemptId).param("callSid", callSid).update();
            sessions.attachCallSid(sessionId, callSid, callerId);
            return false;
        })));
    }

    public boolean markUnknown(long attemptId, String detail) {
        return LockConflicts.retry(() -> jdbc.sql(MARK_UNKNOWN).param("id", attemptId).param("detail", truncate(detail)).update() == 1);
    }

    /** No call exists for this attempt: Twilio refused it, or the resolver found none. */
    public boolean markNotPlaced(long attemptId, String code, String message) {
        return LockConflicts.retry(() -> {
            Object now = SqlTime.utc(clock.instant());
            if (jdbc.sql(MARK_NOT_PLACED).param("id", attemptId).param("code", code).param("message", truncate(message))
                    .param("now", now).update() != 1) {
                return false;
            }
            cancelUnplacedSession(attemptId, now);
            return true;
        });
    }

    private void cancelUnplacedSession(long attemptId, Object now) {
        jdbc.sql(CANCEL_UNPLACED_SESSION).param("id", attemptId).param("now", now).update();
        jdbc.sql(CANCEL_UNPLACED_CALL).param("id", attemptId).param("now", now).update();
    }

    /**
     * No call exists for this attempt and none was asked for by the number's fault (the resolver found none,
     * the run stopped before the request, the campaign was paused, Twilio refused our request): the attempt
     * ends {@code not_placed} with {@code code}, and in the same transaction the contact gets its attempt
     * back ({@code attempts_made} lowered) and is due again at {@code dueAt}. False when the attempt had
     * already left {@code dialing}/{@code unknown}, and then nothing changes.
     */
    public boolean returnAttempt(long attemptId, long contactId, String code, String why, Instant dueAt) {
        String returned = " Not placed (" + why + "): the attempt was returned to the contact and does not count"
                + " against its attempts.";
        return LockConflicts.retry(() -> Boolean.TRUE.equals(ownTransaction.execute(status -> {
            Object now = SqlTime.utc(clock.instant());
            int moved = jdbc.sql(MARK_RETURNED).param("id", attemptId).param("code", code).param("message", truncate(why))
                    .param("returned", returned).param("now", now).update();
            if (moved != 1) {
                return false;
            }
            cancelUnplacedSession(attemptId, now);
            contacts.returnAttempt(contactId, dueAt);
            return true;
        })));
    }

    /** The SID of an attempt whose call ended before the worker recorded it, from its session; true when taken. */
    public boolean recordSidFromSession(long attemptId) {
        return LockConflicts.retry(() -> jdbc.sql(SID_FROM_SESSION.formatted("AND id = :id")).param("id", attemptId)
                .update() == 1);
    }

    /** {@link #recordSidFromSession} for every ended attempt without its SID; how many took one. */
    public int recordSidsFromSessions() {
        return LockConflicts.retry(() -> jdbc.sql(SID_FROM_SESSION.formatted("")).update());
    }

    /**
     * Attempts still {@code dialing} or {@code unknown} that were decided at or before {@code decidedBefore},
     * or whose run last beat at or before {@code staleBefore}.
     */
    public List<CallAttempt> inFlight(Instant decidedBefore, Instant staleBefore) {
        return jdbc.sql(IN_FLIGHT).param("decidedBefore", SqlTime.utc(decidedBefore))
                .param("staleBefore", SqlTime.utc(staleBefore)).query(CallAttemptRepository::map).list();
    }

    /** The run's attempts still {@code dialing} or {@code unknown}. */
    public List<CallAttempt> inFlightOfRun(String runId) {
        return jdbc.sql(IN_FLIGHT_OF_RUN).param("runId", runId).query(CallAttemptRepository::map).list();
    }

    /**
     * Calls of the campaign that may still be live: attempted since {@code since} and their session not
     * ended. Counted in a transaction of its own: inside a chunk's REPEATABLE READ transaction (MySQL's
     * default) the count would be the chunk's snapshot and miss the attempts committed since.
     */
    public int liveCalls(long campaignId, Instant since) {
        List<String> terminal = java.util.Arrays.stream(SessionStatus.values())
                .filter(s -> s.isTerminal() || s == SessionStatus.TRANSCRIBED).map(SessionStatus::code).toList();
        return ownTransaction.execute(status -> jdbc.sql(LIVE_CALLS).param("campaignId", campaignId)
                .param("since", SqlTime.utc(since)).param("terminal", terminal).query(Integer.class).single());
    }

    public boolean isCallSidRecorded(String callSid) {
        return jdbc.sql(SID_TAKEN).param("callSid", callSid).query(Long.class).single() > 0;
    }

    public Optional<CallAttempt> find(long attemptId) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", attemptId).query(CallAttemptRepository::map).optional();
    }

    public List<CallAttempt> forCampaign(long campaignId) {
        return jdbc.sql(SELECT + " WHERE campaign_id = :campaignId ORDER BY id").param("campaignId", campaignId)
                .query(CallAttemptRepository::map).list();
    }

    private long insert(Campaign campaign, DueContact contact, Integer attemptNumber, Decision decision, String status,
                        String sessionId, String runId, Instant now) {
        return insert(campaign.id(), contact.id(), contact.phoneE164(), campaign.callerId(), attemptNumber, decision,
                status, sessionId, runId, now);
    }

    private long insert(Long campaignId, Long contactId, String phone, String callerId, Integer attemptNumber,
                        Decision decision, String status, String sessionId, String runId, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(INSERT)
                .paramSource(row(campaignId, contactId, phone, callerId, attemptNumber, decision, status, sessionId, runId, now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The named parameters of one {@link #INSERT}. */
    private static Map<String, Object> row(Long campaignId, Long contactId, String phone, String callerId,
                                           Integer attemptNumber, Decision decision, String status, String sessionId,
                                           String runId, Instant now) {
        Map<String, Object> row = new HashMap<>();
        row.put("campaignId", campaignId);
        row.put("contactId", contactId);
        row.put("attemptNumber", attemptNumber);
        row.put("decision", decision.action().code());
        row.put("reasonCode", decision.code());
        row.put("reasonDetail", truncate(decision.detail()));
        row.put("phone", phone);
        row.put("callerId", callerId);
        row.put("zone", decision.zone().map(ZoneId::getId).orElse(null));
        row.put("localTime", localTime(decision));
        row.put("status", status);
        row.put("sessionId", sessionId);
        row.put("runId", runId);
        row.put("now", SqlTime.utc(now));
        row.put("registryDate", decision.registryDate().orElse(null));
        return row;
    }

    /** The recipient's wall-clock time with its offset, e.g. {@code 2026-11-24T09:15:02-05:00}; the zone has its own column. */
    private static String localTime(Decision decision) {
        if (decision.recipientLocalTime().isEmpty() || decision.zone().isEmpty()) {
            return decision.recipientLocalTime().map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()).orElse(null);
        }
        return decision.recipientLocalTime().get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .atZone(decision.zone().get()).toOffsetDateTime().toString();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }

    static CallAttempt map(ResultSet rs, int row) throws SQLException {
        return new CallAttempt(rs.getLong("id"),
                Optional.ofNullable(rs.getObject("campaign_id", Long.class)),
                Optional.ofNullable(rs.getObject("contact_id", Long.class)),
                Optional.ofNullable(rs.getObject("attempt_number", Integer.class)),
                rs.getString("decision"), rs.getString("reason_code"),
                Optional.ofNullable(rs.getString("reason_detail")), rs.getString("phone_e164"),
                Optional.ofNullable(rs.getString("caller_id")), rs.getString("status"),
                Optional.ofNullable(rs.getString("session_id")), Optional.ofNullable(rs.getString("call_sid")),
                Optional.ofNullable(rs.getString("error_code")), SqlTime.instant(rs, "decided_at"),
                Optional.ofNullable(SqlTime.instant(rs, "placed_at")), Optional.ofNullable(rs.getString("run_id")));
    }

    /** What a call answered by a machine did under the campaign's voicemail policy: hangup, message or agent. */
    public void recordVoicemailAction(String sessionId, String action) {
        jdbc.sql(RECORD_VOICEMAIL_ACTION).param("action", action).param("sessionId", sessionId).update();
    }

    /** The identification message said to the person when the agent's leg did not connect. */
    public void recordIdentificationMessage(String sessionId, String message) {
        jdbc.sql(RECORD_IDENTIFICATION).param("message", message).param("sessionId", sessionId).update();
    }

    /** The person pressed the opt-out key after the identification message (the first press is kept). */
    public void recordKeyPressOptOut(String sessionId, Instant at) {
        jdbc.sql(RECORD_KEY_PRESS_OPT_OUT).param("at", SqlTime.utc(at)).param("sessionId", sessionId).update();
    }
}
