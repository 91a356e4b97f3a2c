package sa.navaia.dialer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonitoringQueriesTest {

    @Test
    void findsTheMetricsOfAnExpressionButNotItsFunctionsLabelsOrKeywords() {
        assertThat(MonitoringQueries.metrics("histogram_quantile(0.99, sum by (le, type) (rate(a_seconds_bucket{type=~\"x|y\"}[5m])))"
                + " / b_total unless on (campaign) max by (campaign) (c{campaign=\"spring\"}) > 0.025 and bool d offset 5m"))
                .containsExactlyInAnyOrder("a_seconds_bucket", "b_total", "c", "d");
    }

    @Test
    void readsTheDashboardAndEveryAlertRule() throws Exception {
        assertThat(MonitoringQueries.metrics()).contains("dialer_webhook_inbox_oldest_pending_seconds",
                "dialer_campaign_abandonment_ratio", "dialer_calls_total", "up", "dialer_webhook_ingest_seconds_bucket");
    }
}
