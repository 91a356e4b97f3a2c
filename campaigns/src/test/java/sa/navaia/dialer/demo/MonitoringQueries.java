package sa.navaia.dialer.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PromQL in {@code ops/monitoring} (the dashboard's and the alert rules' expressions) and the metrics they query. */
final class MonitoringQueries {

    static final Path MONITORING = Path.of("..", "ops", "monitoring");
    /** Made by Prometheus for every target, never in a scrape. */
    static final Set<String> SYNTHETIC = Set.of("up");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** Numbers and durations (0.99, 5m, 1h30m): they start with a digit where no name goes on. */
    private static final Pattern NUMBER = Pattern.compile("(?<![a-zA-Z0-9_:])[0-9][a-zA-Z0-9_.]*");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern JSON_EXPR = Pattern.compile("\"expr\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private MonitoringQueries() {
    }

    /** Every expression of the dashboard and the alert rules. */
    static List<String> expressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        String dashboard = Files.readString(MONITORING.resolve("grafana/dialer-dashboard.json"));
        Matcher json = JSON_EXPR.matcher(dashboard);
        while (json.find()) {
            expressions.add(json.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        Matcher variables = LABEL_VALUES.matcher(dashboard);
        while (variables.find()) {
            expressions.add(variables.group(1));
        }
        List<String> rules = Files.readAllLines(MONITORING.resolve("prometheus/dialer-alerts.yml"));
        for (int i = 0; i < rules.size(); i++) {
            String line = rules.get(i).strip();
            if (!line.startsWith("expr:")) {
                continue;
            }
            String value = line.substring("expr:".length()).strip();
            if (value.equals("|")) {
                int indent = rules.get(i + 1).indexOf(rules.get(i + 1).strip());
                StringBuilder block = new StringBuilder();
                while (i + 1 < rules.size() && (rules.get(i + 1).isBlank()
                        || rules.get(i + 1).indexOf(rules.get(i + 1).strip()) >= indent)) {
                    block.append(rules.get(++i).strip()).append(' ');
                }
                value = block.toString();
            }
            expressions.add(value);
        }
        return expressions;
    }

    /** The metric names an expression reads (not its functions, keywords, labels or durations). */
    static Set<String> metrics(String expression) {
        String bare = STRING.matcher(expression).replaceAll("\"\"");
        bare = bare.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        bare = NUMBER.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String rest = bare.substring(identifier.end()).stripLeading();
            if (!rest.startsWith("(") && !KEYWORDS.contains(identifier.group())) {
                names.add(identifier.group());
            }
        }
        return names;
    }

    static Set<String> metrics() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions()) {
            names.addAll(metrics(expression));
        }
        return names;
    }
}
