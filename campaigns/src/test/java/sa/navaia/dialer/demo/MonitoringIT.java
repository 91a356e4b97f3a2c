package sa.navaia.dialer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.eligibility.ReasonCode;
import sa.navaia.dialer.importing.ImportOutcome;
import sa.navaia.dialer.sandbox.LedgerEntry;

/**
 * A sandbox run (the demo's, on a generated list, on MariaDB: production's database; CI's demo runs on H2) with both
 * management ports open: the worker's and the receiver's Prometheus and readiness endpoints are scraped while it runs,
 * the last scrapes are checked against what the run did (the sandbox's ledger, the import, the report), and every
 * metric the dashboard and the alert rules query ({@link MonitoringQueries}) must be found in them. The scrapes are
 * kept in {@code target/monitoring/} to read when that check fails.
 */
class MonitoringIT {

    static final Path SCRAPES = Path.of("target", "monitoring");

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.class, names = "MARIADB")
    void bothProcessesExportPlausibleMetricsAndHealthDuringASandboxRun(TestDatabase kind) throws Exception {
        TestDatabase.Migrated mariaDb = kind.create();
        System.setProperty("dialer.monitoring.every", "PT0.5S");
        try {
            EndToEndIT.Contacts contacts = EndToEndIT.Contacts.generate(workDir.resolve("list.csv"));
            Map<String, String> environment = new HashMap<>();
            Optional<String> databaseUrl = Optional.of(mariaDb.settings().url());
            environment.put("DIALER_DB_USER", mariaDb.settings().user());
            environment.put("DIALER_DB_PASSWORD", mariaDb.settings().password());
            int workerPort = ReceiverProcess.freePort();
            int receiverPort = ReceiverProcess.freePort();
            environment.put("DIALER_METRICS_PORT", Integer.toString(workerPort));
            environment.put("DIALER_RECEIVER_METRICS_PORT", Integer.toString(receiverPort));
            environment.put("DIALER_CONSOLE_PORT", Integer.toString(ReceiverProcess.freePort()));

            DemoRun.Result result;
            try (Scraper scraper = new Scraper(Map.of(
                    "worker", URI.create("http://127.0.0.1:" + workerPort + "/actuator/prometheus"),
                    "worker-ready", URI.create("http://127.0.0.1:" + workerPort + "/actuator/health/readiness"),
                    "receiver", URI.create("http://127.0.0.1:" + receiverPort + "/prometheus"),
                    "receiver-ready", URI.create("http://127.0.0.1:" + receiverPort + "/health/readiness")))) {
                result = new DemoRun(new DemoRun.Options(Path.of("..").toAbsolutePath().normalize(), workDir.resolve("run"),
                        contacts.file(), Optional.empty(), environment, databaseUrl, 500, 7, 0.2, 0.2, contacts.doNotCall(),
                        sandbox -> contacts.scripts().forEach((phone, script) ->
                                sandbox.script(phone, script.outcome(), script.conversation())),
                        Duration.ofSeconds(90), new PrintStream(OutputStream.nullOutputStream())))
                        // A last scrape when the run has ended but the processes still run (the periodic ones may
                        // all come before the last calls are counted).
                        .run(Optional.of((ended, context) -> {
                            try {
                                scraper.close(); // no periodic scrape begun earlier may land after this one
                                scraper.scrapeAll();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }));
                PrometheusScrape worker = PrometheusScrape.parse(scraper.last("worker"));
                PrometheusScrape receiver = PrometheusScrape.parse(scraper.last("receiver"));
                Files.createDirectories(SCRAPES);
                Files.writeString(SCRAPES.resolve("worker-" + kind.name().toLowerCase() + ".prom"), worker.text());
                Files.writeString(SCRAPES.resolve("receiver-" + kind.name().toLowerCase() + ".prom"), receiver.text());

                String campaign = result.campaign().name();
                List<LedgerEntry> ledger = result.ledger();
                var counts = ((ImportOutcome.Completed) result.imported()).record().counts();
                assertThat(ledger).as("calls placed").isNotEmpty();

                // The worker: what it dialed, skipped, imported, waited for, and its pool.
                assertThat(worker.sum("dialer_calls_total", "campaign", campaign, "result", "placed"))
                        .as("calls placed, as the carrier's ledger has them").isEqualTo(ledger.size());
                assertThat(worker.sum("dialer_skips_total", "campaign", campaign)).as("skips, as the report has them")
                        .isEqualTo(result.report().summary().skipped());
                assertThat(worker.find("dialer_skips_total")).extracting(s -> s.labels().get("reason"))
                        .isSubsetOf(Arrays.stream(ReasonCode.values()).map(ReasonCode::code).toList());
                double requests = worker.sum("dialer_twilio_requests_seconds_count", "operation", "create_call");
                assertThat(requests).isEqualTo(ledger.size());
                assertThat(worker.sum("dialer_twilio_requests_seconds_sum", "operation", "create_call") / requests)
                        .as("mean create-call latency, s").isBetween(0.0005, 10.0);
                assertThat(worker.sum("dialer_rate_limit_wait_seconds_count")).isGreaterThanOrEqualTo(ledger.size());
                assertThat(worker.sum("dialer_rate_limit_tokens_given_up_total")).isBetween(0.0, (double) ledger.size());
                assertThat(worker.sum("dialer_import_rows_total", "result", "imported")).isEqualTo(counts.imported());
                assertThat(worker.sum("dialer_import_rows_total", "result", "suppressed")).isEqualTo(counts.suppressed());
                assertThat(worker.sum("dialer_import_rejects_total")).isEqualTo(counts.rejected());
                assertThat(worker.find("dialer_campaign_live_calls", "campaign", campaign)).singleElement()
                        .satisfies(s -> assertThat(s.value()).isBetween(0.0, (double) ledger.size()));
                assertThat(scraper.max("worker", "dialer_campaign_live_calls", "campaign", campaign))
                        .as("most live calls seen during the run").isBetween(1.0, (double) ledger.size());
                assertThat(worker.find("dialer_campaign_answered_calls_30d", "campaign", campaign)).singleElement();
                assertThat(scraper.max("worker", "dialer_campaign_answered_calls_30d", "campaign", campaign))
                        .as("most calls answered by a person seen during the run").isBetween(1.0, (double) ledger.size());
                assertThat(worker.find("dialer_campaign_abandonment_ratio", "campaign", campaign)).singleElement()
                        .satisfies(s -> assertThat(s.value()).isBetween(0.0, 1.0));
                assertThat(worker.sum("dialer_quartz_cluster_member")).as("the demo runs no scheduler").isZero();
                assertThat(worker.sum("hikaricp_connections_max", "pool", "worker"))
                        .isEqualTo(result.settings().database().poolSize());
                assertThat(worker.names()).contains("dialer_sweeper_repairs_total", "jvm_memory_used_bytes");
                assertThat(scraper.seen("worker-ready")).as("the worker's readiness, while the demo ran").anySatisfy(body ->
                        assertThat(body).contains("\"db\":{").contains("\"migrations\":{\"details\":{\"schemaVersion\"")
                                .contains("\"pending\":0},\"status\":\"UP\"").contains("\"quartzCluster\":"));

                // The receiver: every call ended once, its webhooks stored quickly, its inbox and its pool.
                assertThat(receiver.sum("dialer_call_outcomes_total")).as("calls ended, each once")
                        .isEqualTo(ledger.size());
                assertThat(receiver.sum("dialer_webhook_total", "type", "twilio:status", "outcome", "stored"))
                        .isGreaterThanOrEqualTo(ledger.size());
                assertThat(receiver.sum("dialer_webhook_total", "type", "twilio:status", "outcome", "duplicate"))
                        .as("the sandbox sent duplicates").isPositive();
                double ingested = receiver.sum("dialer_webhook_ingest_seconds_count", "type", "twilio:status");
                assertThat(ingested).isGreaterThanOrEqualTo(ledger.size());
                assertThat(receiver.sum("dialer_webhook_ingest_seconds_bucket", "type", "twilio:status", "le", "+Inf"))
                        .isEqualTo(ingested);
                assertThat(receiver.find("dialer_webhook_inbox_backlog", "status", "pending")).singleElement()
                        .satisfies(s -> assertThat(s.value()).isBetween(0.0, 10.0 * ledger.size()));
                assertThat(receiver.sum("hikaricp_connections_max", "pool", "receiver")).isPositive();
                java.util.Set<String> scraped = new java.util.TreeSet<>(MonitoringQueries.SYNTHETIC);
                scraped.addAll(worker.names());
                scraped.addAll(receiver.names());
                assertThat(scraped).as("every metric the dashboard and the alert rules query, in these scrapes")
                        .containsAll(MonitoringQueries.metrics());
                assertThat(scraper.seen("receiver-ready")).as("the receiver's readiness, while the demo ran")
                        .anySatisfy(body -> assertThat(body).startsWith("{\"name\":\"dialer-webhook-receiver\",\"status\":\"UP\"")
                                .contains("\"pendingMigrations\":0"));
            }
        } finally {
            System.clearProperty("dialer.monitoring.every");
            mariaDb.close();
        }
    }

    /** Polls each endpoint twice a second on a thread of its own, keeping its last answer. */
    static final class Scraper implements AutoCloseable {
        final AtomicBoolean stopped = new AtomicBoolean();
        private final Map<String, String> last = new ConcurrentHashMap<>();
        private final Map<String, java.util.Set<String>> seen = new ConcurrentHashMap<>();
        private final Map<String, List<String>> history = new ConcurrentHashMap<>();
        private final List<Thread> threads;

        private final Map<String, URI> endpoints;
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

        Scraper(Map<String, URI> endpoints) {
            this.endpoints = endpoints;
            threads = endpoints.keySet().stream().map(name -> {
                Thread thread = new Thread(() -> {
                    while (!stopped.get()) {
                        try {
                            scrape(name);
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "scrape-" + name);
                thread.setDaemon(true);
                thread.start();
                return thread;
            }).toList();
        }

        /** Scrapes every endpoint once more, now: at the end of the run, before the processes stop. */
        void scrapeAll() throws InterruptedException {
            for (String name : endpoints.keySet()) {
                scrape(name);
            }
        }

        private void scrape(String name) throws InterruptedException {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoints.get(name))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (!name.endsWith("-ready")) {
                    history.computeIfAbsent(name, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(response.body());
                }
                last.put(name, response.body()); // readiness answers 503 with its body when down
                if (name.endsWith("-ready")) {
                    seen.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet()).add(response.body());
                }
            } catch (IOException | RuntimeException notUpYet) {
                // before the process listens, after it stopped, or too slow this time
            }
        }

        /** The largest value of a metric's matching samples over every scrape of an endpoint. */
        double max(String endpoint, String metric, String... labels) {
            return history.getOrDefault(endpoint, List.of()).stream()
                    .mapToDouble(body -> PrometheusScrape.parse(body).sum(metric, labels)).max().orElse(Double.NaN);
        }

        /** Every distinct answer of a health endpoint. */
        java.util.Set<String> seen(String name) {
            return seen.getOrDefault(name, java.util.Set.of());
        }

        String last(String name) {
            String body = last.get(name);
            assertThat(body).as("a scrape of %s while the run went on", name).isNotNull();
            return body;
        }

        @Override
        public void close() throws InterruptedException {
            stopped.set(true);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }
    }
}
