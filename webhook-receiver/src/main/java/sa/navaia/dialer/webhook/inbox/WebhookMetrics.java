package sa.navaia.dialer.webhook.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.webhook.ReceiverApplication.ReceiverDatabase;

/**
 * The receiver's meters: counters {@code dialer.webhook} by webhook type and outcome (stored, duplicate, processed,
 * unmatched, failed, refused, journaled, replayed), the time from a webhook's arrival until it is stored or journaled
 * ({@code dialer.webhook.ingest}), from stored until applied ({@code dialer.webhook.apply}), calls ended by outcome ({@code dialer.call.outcomes}), and the inbox's backlog read
 * every {@code dialer.webhook.backlog-interval} (15 s). Once a minute, one log line with what changed.
 */
@Singleton
public final class WebhookMetrics {

    private static final String NAME = "dialer.webhook";
    private static final Logger log = LoggerFactory.getLogger(WebhookMetrics.class);
    private static final List<String> BACKLOG_STATUSES = List.of("pending", "failed", "unmatched");
    private static final String BACKLOG = """
            SELECT status, COUNT(*) AS payloads, MIN(received_at) AS oldest FROM webhook_inbox
             WHERE status IN ('pending', 'failed', 'unmatched') GROUP BY status""";
    /** Buckets of the ingest histogram: a webhook should be stored within milliseconds, and is journaled after 2-4 s. */
    private static final Duration[] INGEST_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)};

    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();
    private final Map<String, Timer> ingest = new ConcurrentHashMap<>();
    private final Map<String, Timer> apply = new ConcurrentHashMap<>();
    private Map<String, Double> loggedTotals = Map.of();

    WebhookMetrics(MeterRegistry registry, ReceiverDatabase database, Clock clock) {
        this.registry = registry;
        this.jdbc = JdbcClient.create(database.dataSource());
        this.clock = clock;
        for (String status : BACKLOG_STATUSES) {
            AtomicLong rows = backlog.computeIfAbsent(status, s -> new AtomicLong());
            Gauge.builder("dialer.webhook.inbox.backlog", rows, AtomicLong::get).tag("status", status)
                    .description("Webhooks in the inbox not applied yet (pending, failed and retried) or matching no session (unmatched)")
                    .register(registry);
        }
        Gauge.builder("dialer.webhook.inbox.oldest.pending", oldestPendingSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest webhook waiting in the inbox to be applied").register(registry);
    }

    public void count(String type, String outcome) {
        registry.counter(NAME, "type", type, "outcome", outcome).increment();
    }

    /** A webhook of {@code type} was stored or journaled, {@code since} its arrival. */
    public void ingested(String type, long startedNanos) {
        ingest.computeIfAbsent(type, t -> Timer.builder("dialer.webhook.ingest").tag("type", t)
                        .description("Time from a webhook's arrival until it is stored in the inbox or journaled")
                        .serviceLevelObjectives(INGEST_BUCKETS).register(registry))
                .record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * A webhook of {@code type} was applied (its transaction committed), {@code sinceStored} after it was stored. A
     * histogram with fine buckets, so the p99 can be read from {@code /prometheus} (ops/bench/pacing.sh does).
     */
    public void applied(String type, Duration sinceStored) {
        apply.computeIfAbsent(type, t -> Timer.builder("dialer.webhook.apply").tag("type", t)
                        .description("Time from a webhook being stored in the inbox until it is applied")
                        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofMinutes(2)).register(registry))
                .record(sinceStored.isNegative() ? Duration.ZERO : sinceStored);
    }

    /** A call ended with {@code outcome} (an attempt outcome code: a handful of values). */
    public void callEnded(String outcome) {
        Counter.builder("dialer.call.outcomes").tag("outcome", outcome)
                .description("Calls ended, by outcome").register(registry).increment();
    }

    @Scheduled(fixedDelay = "${dialer.webhook.backlog-interval:15s}")
    void readBacklog() {
        try {
            Instant now = clock.instant();
            Map<String, Long> rows = new java.util.HashMap<>();
            long[] oldest = {0};
            jdbc.sql(BACKLOG).query(rs -> {
                rows.put(rs.getString("status"), rs.getLong("payloads"));
                Instant received = SqlTime.instant(rs, "oldest");
                if ("pending".equals(rs.getString("status")) && received != null) {
                    oldest[0] = Math.max(0, Duration.between(received, now).toSeconds());
                }
            });
            BACKLOG_STATUSES.forEach(status -> backlog.get(status).set(rows.getOrDefault(status, 0L)));
            oldestPendingSeconds.set(oldest[0]);
        } catch (RuntimeException e) {
            log.debug("Inbox backlog not read: {}", e.toString());
        }
    }

    /** Logs the counts since the last summary, by outcome, when there are any. */
    @Scheduled(fixedDelay = "${dialer.webhook.summary-interval:60s}", initialDelay = "${dialer.webhook.summary-interval:60s}")
    synchronized void logSummary() {
        Map<String, Double> totals = registry.find(NAME).counters().stream().collect(Collectors.groupingBy(
                counter -> counter.getId().getTag("outcome"), TreeMap::new, Collectors.summingDouble(Counter::count)));
        String changes = totals.entrySet().stream()
                .filter(total -> total.getValue() > loggedTotals.getOrDefault(total.getKey(), 0.0))
                .map(total -> String.format("%.0f %s", total.getValue() - loggedTotals.getOrDefault(total.getKey(), 0.0), total.getKey()))
                .collect(Collectors.joining(", "));
        loggedTotals = totals;
        if (!changes.isEmpty()) {
            log.info("Webhooks since the last summary: {}", changes);
        }
    }
}
