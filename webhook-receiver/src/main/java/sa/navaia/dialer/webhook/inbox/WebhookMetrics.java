package sa.navaia.dialer.webhook.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/** Counters {@code dialer.webhook} by webhook type and outcome (stored, duplicate, processed, unmatched, failed, refused). */
@Singleton
public final class WebhookMetrics {

    private final MeterRegistry registry;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String type, String outcome) {
        registry.counter("dialer.webhook", "type", type, "outcome", outcome).increment();
    }
}
