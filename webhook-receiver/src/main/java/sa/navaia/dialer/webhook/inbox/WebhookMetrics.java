package sa.navaia.dialer.webhook.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters {@code dialer.webhook} by webhook type and outcome (stored, duplicate, processed, unmatched, failed, refused),
 * and once a minute one log line with what changed, instead of a line per request.
 */
@Singleton
public final class WebhookMetrics {

    private static final String NAME = "dialer.webhook";
    private static final Logger log = LoggerFactory.getLogger(WebhookMetrics.class);

    private final MeterRegistry registry;
    private Map<String, Double> loggedTotals = Map.of();

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String type, String outcome) {
        registry.counter(NAME, "type", type, "outcome", outcome).increment();
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
