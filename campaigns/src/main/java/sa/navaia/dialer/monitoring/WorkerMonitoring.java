package sa.navaia.dialer.monitoring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.ratelimit.CallRateLimiter;
import sa.navaia.dialer.session.SessionStatus;

/**
 * The worker's meters that are read rather than counted: tokens the rate limiter gave up, the Quartz cluster's members,
 * and per campaign (active or paused) the live calls and the 30-day abandonment ratio, read from the database every
 * {@code dialer.monitoring.every} (PT15S) on a thread of their own, so that a scrape never waits for the database. Every worker reports the same database figures: aggregate them with {@code max by (campaign)}.
 * Only the {@code worker} command turns this on ({@value #ENABLED}); the CLI's short commands do not query for it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = WorkerMonitoring.ENABLED, havingValue = "true")
public class WorkerMonitoring {

    public static final String ENABLED = "dialer.monitoring.enabled";

    /** The window of the FCC's abandonment rule: at most 3 % of calls answered by a person, per campaign, in 30 days. */
    static final Duration ABANDONMENT_WINDOW = Duration.ofDays(30);

    private static final Logger log = LoggerFactory.getLogger(WorkerMonitoring.class);

    private static final String LIVE_CALLS = """
            SELECT cp.name,
                   (SELECT COUNT(*) FROM call_attempts a JOIN voice_sessions s ON s.id = a.session_id
                     WHERE a.campaign_id = cp.id AND a.status IN ('dialing', 'unknown', 'placed')
                       AND a.decided_at >= :since AND s.status NOT IN (:terminal))
              FROM campaigns cp WHERE cp.status IN ('active', 'paused')""";
    /**
     * AttemptReportRow's definitions in SQL: answered by a person (completed or agent-unavailable, not a machine), and
     * abandoned (answered, but agent-unavailable, or no conversation and the agent's leg never answered).
     * 'agent-unavailable' is AttemptOutcome.AGENT_UNAVAILABLE's code, written out: H2 cannot type a parameter there.
     */
    private static final String ABANDONMENT = """
            SELECT cp.name,
                   SUM(CASE WHEN a.outcome IN ('completed', 'agent-unavailable')
                             AND (a.answered_by IS NULL OR a.answered_by NOT LIKE 'machine%') THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.outcome IN ('completed', 'agent-unavailable')
                             AND (a.answered_by IS NULL OR a.answered_by NOT LIKE 'machine%')
                             AND (a.outcome = 'agent-unavailable' OR vs.conversation_id IS NULL
                                  AND (vs.dial_call_status IS NULL OR vs.dial_call_status NOT IN ('completed', 'answered')))
                            THEN 1 ELSE 0 END)
              FROM campaigns cp
              LEFT JOIN call_attempts a ON a.campaign_id = cp.id AND a.decision = 'dial' AND a.decided_at >= :since
              LEFT JOIN voice_sessions vs ON vs.id = a.session_id
             WHERE cp.status IN ('active', 'paused')
             GROUP BY cp.name""";

    record CampaignFigure(String campaign, double value) {
    }

    @Bean
    FunctionCounter tokensGivenUp(MeterRegistry meters, CallRateLimiter limiter) {
        return FunctionCounter.builder("dialer.rate.limit.tokens.given.up", limiter, CallRateLimiter::tokensGivenUp)
                .description("Rate-limit tokens this worker gave up unused because they came back late").register(meters);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService campaignGauges(MeterRegistry meters, DataSource dataSource, Clock clock, Scheduler scheduler,
                                            @Value("${dialer.monitoring.every:PT15S}") Duration every) {
        CampaignGauges liveCalls = new CampaignGauges(meters, "dialer.campaign.live.calls",
                "Calls of the campaign that have not ended yet");
        CampaignGauges abandonment = new CampaignGauges(meters, "dialer.campaign.abandonment.ratio",
                "Share of the campaign's calls answered by a person in the last 30 days that never reached the agent");
        CampaignGauges answered = new CampaignGauges(meters, "dialer.campaign.answered.calls.30d",
                "The campaign's calls answered by a person in the last 30 days");
        Gauge.builder("dialer.quartz.cluster.member", scheduler, WorkerMonitoring::running)
                .description("1 while this worker's Quartz scheduler runs (and so checks in to the cluster), else 0").register(meters);
        java.util.concurrent.atomic.AtomicLong members = new java.util.concurrent.atomic.AtomicLong();
        Gauge.builder("dialer.quartz.cluster.members", members, java.util.concurrent.atomic.AtomicLong::get)
                .description("Workers that checked in to the Quartz cluster in the last 15 s").register(meters);

        java.util.concurrent.atomic.AtomicReference<Double> registryAge = new java.util.concurrent.atomic.AtomicReference<>(Double.NaN);
        Gauge.builder("dialer.registry.age.days", registryAge, java.util.concurrent.atomic.AtomicReference::get)
                .description("Age in days of the oldest area code's national do-not-call registry data, the first to go stale (NaN: none imported)")
                .register(meters);
        sa.navaia.dialer.registry.NationalRegistry registry = new sa.navaia.dialer.registry.NationalRegistry(dataSource, clock);

        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<String> terminal = java.util.Arrays.stream(SessionStatus.values())
                .filter(s -> s.isTerminal() || s == SessionStatus.TRANSCRIBED).map(SessionStatus::code).toList();
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "campaign-gauges");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                var now = clock.instant();
                members.set(checkedInMembers(dataSource, scheduler, clock));
                registryAge.set(registry.oldest().map(snapshot -> (double) java.time.temporal.ChronoUnit.DAYS.between(
                        snapshot.date(), now.atZone(java.time.ZoneOffset.UTC).toLocalDate())).orElse(Double.NaN));
                List<CampaignFigure> live = jdbc.sql(LIVE_CALLS).param("since", SqlTime.utc(now.minus(Duration.ofDays(1))))
                        .param("terminal", terminal)
                        .query((rs, row) -> new CampaignFigure(rs.getString(1), rs.getLong(2))).list();
                liveCalls.set(live);
                List<CampaignFigure> answeredCalls = new java.util.ArrayList<>();
                List<CampaignFigure> ratios = new java.util.ArrayList<>();
                jdbc.sql(ABANDONMENT).param("since", SqlTime.utc(now.minus(ABANDONMENT_WINDOW)))
                        .query(rs -> {
                            long answeredByPerson = rs.getLong(2);
                            answeredCalls.add(new CampaignFigure(rs.getString(1), answeredByPerson));
                            ratios.add(new CampaignFigure(rs.getString(1),
                                    answeredByPerson == 0 ? 0 : (double) rs.getLong(3) / answeredByPerson));
                        });
                answered.set(answeredCalls);
                abandonment.set(ratios);
            } catch (SchedulerException | RuntimeException e) {
                log.warn("Campaign gauges not refreshed: {}", e.toString());
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return refresher;
    }

    /**
     * One gauge per campaign, registered once and updated in place (a MultiGauge re-registers its rows on every update,
     * and a scrape in between would miss them); a campaign no longer active or paused is removed.
     */
    static final class CampaignGauges {
        private final MeterRegistry meters;
        private final String name;
        private final String description;
        private final java.util.Map<String, java.util.concurrent.atomic.AtomicReference<Double>> values = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<String, Gauge> gauges = new java.util.concurrent.ConcurrentHashMap<>();

        CampaignGauges(MeterRegistry meters, String name, String description) {
            this.meters = meters;
            this.name = name;
            this.description = description;
        }

        void set(List<CampaignFigure> figures) {
            java.util.Set<String> current = new java.util.HashSet<>();
            for (CampaignFigure figure : figures) {
                current.add(figure.campaign());
                values.computeIfAbsent(figure.campaign(), campaign -> {
                    var value = new java.util.concurrent.atomic.AtomicReference<>(figure.value());
                    gauges.put(campaign, Gauge.builder(name, value, java.util.concurrent.atomic.AtomicReference::get)
                            .description(description).tags(Tags.of("campaign", campaign)).register(meters));
                    return value;
                }).set(figure.value());
            }
            for (String gone : java.util.List.copyOf(values.keySet())) {
                if (!current.contains(gone)) {
                    meters.remove(gauges.remove(gone));
                    values.remove(gone);
                }
            }
        }
    }

    private static double running(Scheduler scheduler) {
        try {
            return scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown() ? 1 : 0;
        } catch (SchedulerException e) {
            return 0;
        }
    }

    private static long checkedInMembers(DataSource dataSource, Scheduler scheduler, Clock clock) throws SchedulerException {
        long now = clock.millis();
        return WorkerHealth.members(dataSource, scheduler.getSchedulerName()).stream()
                .filter(m -> now - m.lastCheckInMillis() <= WorkerHealth.CHECK_IN_LIMIT.toMillis()).count();
    }
}
