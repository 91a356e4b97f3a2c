package sa.navaia.dialer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ops/monitoring/check-rules.sh}: promtool accepts the Prometheus configuration and the alert rules, and each
 * alert fires on the series its unit test made for it; and every alert has its runbook paragraph in the README.
 */
class AlertRulesIT {

    @Test
    void promtoolAcceptsTheRulesAndEveryAlertFiresOnItsSeries() throws Exception {
        Process check = new ProcessBuilder("bash", MonitoringQueries.MONITORING.resolve("check-rules.sh").toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(300, TimeUnit.SECONDS)).isTrue();

        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS: 11 rules found").contains("Unit Testing:  dialer-alerts.test.yml");
    }

    @Test
    void everyAlertHasARunbookParagraphInTheReadme() throws Exception {
        String rules = Files.readString(MonitoringQueries.MONITORING.resolve("prometheus/dialer-alerts.yml"));
        String tests = Files.readString(MonitoringQueries.MONITORING.resolve("prometheus/dialer-alerts.test.yml"));
        String readme = Files.readString(MonitoringQueries.MONITORING.resolve("README.md"));
        List<String> alerts = Pattern.compile("- alert: (\\w+)").matcher(rules).results().map(m -> m.group(1)).toList();
        List<String> anchors = Pattern.compile("runbook: \"ops/monitoring/README.md#(\\w+)\"").matcher(rules).results()
                .map(m -> m.group(1)).distinct().toList();

        assertThat(alerts).hasSize(11);
        for (String alert : alerts) {
            assertThat(readme).as("the README names %s", alert).contains("`" + alert + "`");
            assertThat(tests).as("a unit test of %s", alert).contains("alertname: " + alert);
        }
        for (String anchor : anchors) {
            Matcher heading = Pattern.compile("(?m)^### (\\w+)$").matcher(readme);
            assertThat(heading.results().map(m -> m.group(1).toLowerCase(Locale.ROOT)))
                    .as("a runbook heading for #%s", anchor).contains(anchor);
        }
    }
}
