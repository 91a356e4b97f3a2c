package sa.navaia.dialer.abandonment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.session.CallStatusUpdates;

/**
 * Keeps a campaign under the 3 % abandonment limit over a rolling 30 days: when the rate reaches {@link #PAUSE_AT}
 * (2.5 %, so the campaign pauses before it passes 3 %, with the calls still in flight as headroom), the campaign pauses
 * itself and a {@code campaign_events} row says why. Until {@link #MIN_SAMPLE} calls have been answered, the rate is
 * taken over that many (two abandoned calls in the first 50 are 4 % at best, so they pause it; one is not). A person
 * resuming the campaign is paused again while the rate stays that high: old abandonments age out of the 30 days.
 *
 * <p>Abandoned here is what the report calls abandoned ({@code AttemptReportRow.abandoned()}, both from
 * {@link #abandoned}): a person answered and the call never reached the agent.
 */
public final class AbandonmentGuard {

    public static final Duration WINDOW = Duration.ofDays(30);
    public static final double LIMIT = 0.03;
    public static final double PAUSE_AT = 0.025;
    public static final int MIN_SAMPLE = 50;
    public static final String REASON = "abandonment_rate";

    private static final Logger log = LoggerFactory.getLogger(AbandonmentGuard.class);
    private static final String RATE = """
            SELECT COUNT(*) AS answered,
                   COALESCE(SUM(CASE WHEN a.outcome = 'agent-unavailable'
                                       OR (vs.conversation_id IS NULL
                                           AND (vs.dial_call_status IN (:agentNotReached)
                                                OR (vs.dial_call_status IS NULL AND vs.agent_call_sid IS NULL)))
                                     THEN 1 ELSE 0 END), 0) AS abandoned
              FROM call_attempts a
              LEFT JOIN voice_sessions vs ON vs.id = a.session_id
             WHERE a.campaign_id = :campaignId AND a.decision = 'dial' AND a.decided_at > :from AND a.decided_at <= :to
               AND a.outcome IN ('completed', 'agent-unavailable')
               AND (a.answered_by IS NULL OR a.answered_by NOT LIKE 'machine%')""";
    private static final String RECORD_EVENT = """
            INSERT INTO campaign_events (campaign_id, event, reason_code, detail, occurred_at)
            VALUES (:campaignId, :event, :reason, :detail, :now)""";
    private static final String EVENTS = """
            SELECT event, reason_code, detail, occurred_at FROM campaign_events
             WHERE campaign_id = :campaignId ORDER BY occurred_at, id""";

    /** Something a campaign did by itself. */
    public record Event(String event, String reasonCode, String detail, Instant at) {
    }

    private final JdbcClient jdbc;
    private final CampaignRepository campaigns;
    private final Clock clock;

    public AbandonmentGuard(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.campaigns = new CampaignRepository(dataSource, clock);
        this.clock = clock;
    }

    /** The rate over the 30 days before now. */
    public AbandonmentRate rate(long campaignId) {
        Instant to = clock.instant();
        Instant from = to.minus(WINDOW);
        return jdbc.sql(RATE).param("campaignId", campaignId).param("agentNotReached", CallStatusUpdates.AGENT_NOT_REACHED)
                .param("from", SqlTime.utc(from)).param("to", SqlTime.utc(to))
                .query((rs, row) -> new AbandonmentRate(campaignId, rs.getInt("answered"), rs.getInt("abandoned"), from, to))
                .single();
    }

    /**
     * Whether a call a person answered never reached the agent: it ended {@code agent-unavailable}, or no conversation
     * came back and either the agent's leg ({@code <Dial>}) ended without an answer, or nothing says the call ever
     * reached ElevenLabs (no leg status, and no agent call SID: the personalisation webhook never saw it, and connect
     * never handed it over). A call whose agent leg ElevenLabs saw is not abandoned while its transcript is on its way
     * (it comes after the call, sometimes minutes later); counting it would pause campaigns on calls that went well.
     * With no leg status and no agent SID it counts (the harsher reading): the answer TwiML was never served, or the
     * {@code <Dial>} action callback and the personalisation webhook were both lost. The SQL of {@code RATE} is the same rule.
     */
    public static boolean abandoned(String outcome, String conversationId, String agentLegStatus, String agentCallSid) {
        if (CallStatusUpdates.AGENT_UNAVAILABLE.equals(outcome)) {
            return true;
        }
        return conversationId == null && (agentLegStatus == null
                ? agentCallSid == null
                : CallStatusUpdates.AGENT_NOT_REACHED.contains(agentLegStatus));
    }

    /** Whether a person, not a machine, answered ({@code AnsweredBy} unknown counts as a person: the harsher reading). */
    public static boolean answeredByPerson(String answeredBy) {
        return answeredBy == null || !answeredBy.startsWith("machine");
    }

    /** True when the rate says stop: abandoned over answered (at least {@link #MIN_SAMPLE}) reaches {@link #PAUSE_AT}. */
    public static boolean mustPause(AbandonmentRate rate) {
        return rate.abandoned() > 0 && (double) rate.abandoned() / Math.max(rate.answered(), MIN_SAMPLE) >= PAUSE_AT;
    }

    /** Pauses an active campaign whose rate says stop; the sentence recorded with it when it did. */
    public Optional<String> check(long campaignId) {
        AbandonmentRate rate = rate(campaignId);
        if (!mustPause(rate)) {
            return Optional.empty();
        }
        String detail = String.format(Locale.ROOT, "The abandonment rate over the last 30 days is %s; the campaign pauses"
                + " itself at %.1f %% so as not to pass the %.0f %% limit (FTC safe harbour, 16 CFR 310.4(b)(4)(i)).",
                rate.describe(), PAUSE_AT * 100, LIMIT * 100);
        if (!campaigns.changeStatus(campaignId, CampaignStatus.ACTIVE, CampaignStatus.PAUSED)) {
            return Optional.empty();
        }
        jdbc.sql(RECORD_EVENT).param("campaignId", campaignId).param("event", "paused").param("reason", REASON)
                .param("detail", detail).param("now", SqlTime.utc(clock.instant())).update();
        log.warn("Campaign {} paused itself: {}", campaignId, detail);
        return Optional.of(detail);
    }

    public List<Event> events(long campaignId) {
        return jdbc.sql(EVENTS).param("campaignId", campaignId).query((rs, row) -> new Event(rs.getString("event"),
                rs.getString("reason_code"), rs.getString("detail"), SqlTime.instant(rs, "occurred_at"))).list();
    }
}
