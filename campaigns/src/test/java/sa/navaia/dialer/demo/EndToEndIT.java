package sa.navaia.dialer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.report.AttemptReportRepository;
import sa.navaia.dialer.report.AttemptReportRow;
import sa.navaia.dialer.sandbox.Conversation;
import sa.navaia.dialer.sandbox.LedgerEntry;
import sa.navaia.dialer.sandbox.Outcome;

/**
 * The whole pipeline against the sandbox, with duplicate and reordered callbacks: a list is imported,
 * a campaign is dialed once (and a second, smaller one through another agent), the receiver (its own process) turns the carrier's and the agent's
 * webhooks into records, and the records are checked against the sandbox's ledger, the truth.
 */
class EndToEndIT {

    private static final int DAY_CONTACTS = 120;
    private static final int NIGHT_CONTACTS = 25;
    private static final int DO_NOT_CALL = 10;
    private static final int NO_CONSENT = 10;
    private static final int SALES_CONTACTS = 6;
    private static final String[] PLANS = {"basic", "plus", "premium"};

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void everyEligibleContactIsCalledOnceAndTheRecordsMatchTheCarriersTruth(TestDatabase kind) throws Exception {
        TestDatabase.Migrated mariaDb = kind == TestDatabase.MARIADB ? kind.create() : null;
        try {
            Contacts contacts = Contacts.generate(workDir.resolve("list.csv"));
            Map<String, String> environment = new HashMap<>();
            Optional<String> databaseUrl = Optional.empty();
            if (mariaDb != null) {
                databaseUrl = Optional.of(mariaDb.settings().url());
                environment.put("DIALER_DB_USER", mariaDb.settings().user());
                environment.put("DIALER_DB_PASSWORD", mariaDb.settings().password());
            }
            DemoRun.Result result = new DemoRun(new DemoRun.Options(Path.of("..").toAbsolutePath().normalize(),
                    workDir.resolve("run"), contacts.file(), Optional.of(contacts.salesFile()), environment, databaseUrl,
                    500, 7, 0.2, 0.2,
                    contacts.doNotCall(), sandbox -> contacts.scripts().forEach((phone, script) ->
                            sandbox.script(phone, script.outcome(), script.conversation())),
                    Duration.ofSeconds(90), new PrintStream(OutputStream.nullOutputStream()))).run();

            List<LedgerEntry> everyCall = result.ledger();
            List<LedgerEntry> ledger = everyCall.stream().filter(e -> !contacts.sales().containsKey(e.to())).toList();
            Map<String, Long> callsPerNumber = ledger.stream().collect(Collectors.groupingBy(LedgerEntry::to, Collectors.counting()));
            assertThat(callsPerNumber.keySet()).as("exactly the eligible contacts were called")
                    .containsExactlyInAnyOrderElementsOf(contacts.day());
            assertThat(callsPerNumber.values()).as("each of them once").allMatch(n -> n == 1);
            assertThat(ledger).as("duplicates and reordering were exercised")
                    .anyMatch(e -> e.duplicatedCallbacks() > 0).anyMatch(e -> e.reorderedCallbacks() > 0);

            List<AttemptReportRow> reportRows;
            try (var dataSource = DataSources.create(result.settings().database(), "e2e-check")) {
                JdbcClient jdbc = JdbcClient.create(dataSource);
                reportRows = new AttemptReportRepository(dataSource, Clock.systemUTC()).page(result.report().campaignId(),
                        result.report().from(), result.report().to(), null, 0, 100_000);
                for (LedgerEntry call : ledger) {
                    String expectedOutcome = "completed".equals(call.status()) && call.answeredBy() != null
                            && call.answeredBy().startsWith("machine") ? "voicemail" : call.status();
                    Map<String, Object> row = jdbc.sql("""
                            SELECT c.status AS call_status, a.outcome, a.status AS attempt_status, vs.status AS session_status
                              FROM voice_sessions vs
                              JOIN calls c ON c.session_id = vs.id
                              JOIN call_attempts a ON a.session_id = vs.id
                             WHERE vs.call_sid = :sid""").param("sid", call.callSid()).query().singleRow();
                    assertThat(row.get("call_status")).as("call %s", call.to()).isEqualTo(call.status());
                    assertThat(row.get("outcome")).as("attempt outcome of %s", call.to()).isEqualTo(expectedOutcome);
                    assertThat(row.get("session_status")).as("session of %s", call.to())
                            .isEqualTo(call.reachedAgent() ? "transcribed" : call.status());
                }
                assertThat(phones(jdbc, "SELECT customer_phone FROM bookings WHERE campaign_id = :campaign", result))
                        .containsExactlyInAnyOrderElementsOf(agentTalks(ledger, Conversation.BOOKING));
                assertThat(phones(jdbc, "SELECT customer_phone FROM tickets WHERE campaign_id = :campaign", result))
                        .containsExactlyInAnyOrderElementsOf(agentTalks(ledger, Conversation.SUPPORT_TICKET));
                assertThat(phones(jdbc, "SELECT phone_e164 FROM dnc_numbers WHERE source = 'opt-out' AND :campaign > 0", result))
                        .containsExactlyInAnyOrderElementsOf(agentTalks(ledger, Conversation.OPT_OUT));
                long decisions = jdbc.sql("SELECT COUNT(*) FROM call_attempts WHERE campaign_id = :campaign")
                        .param("campaign", result.campaign().id()).query(Long.class).single();
                assertThat(result.report().summary().decisions()).as("one report row per attempt and skip").isEqualTo((int) decisions);
                assertThat(reportRows).hasSize((int) decisions);

                List<LedgerEntry> conversations = everyCall.stream().filter(LedgerEntry::reachedAgent).toList();
                assertThat(conversations).as("conversations in both campaigns").isNotEmpty()
                        .anyMatch(e -> contacts.sales().containsKey(e.to()));
                for (LedgerEntry call : conversations) {
                    String campaignName = contacts.sales().containsKey(call.to())
                            ? result.salesCampaign().orElseThrow().name() : result.campaign().name();
                    assertThat(call.agentContext()).as("what the agent calling %s was told", call.to())
                            .containsEntry("source", "personalization_webhook")
                            .containsEntry("dynamicVariables", contacts.variables(call.to(), call.sessionId(), campaignName));
                }
                List<Map<String, Object>> matches = jdbc.sql("""
                        SELECT vs.id, vs.match_method, vs.agent_call_sid FROM voice_sessions vs
                         WHERE vs.campaign_id IN (:campaigns) AND vs.status = 'transcribed'""")
                        .param("campaigns", List.of(result.campaign().id(), result.salesCampaign().orElseThrow().id()))
                        .query().listOfRows();
                assertThat(matches).as("every transcript reconciled").hasSize(conversations.size());
                assertThat(matches).as("every transcript matched by identity, none by number and time")
                        .allSatisfy(row -> assertThat(row.get("match_method")).isIn("conversation_id", "agent_call_sid"));
                assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_inbox WHERE source = 'elevenlabs' AND status = 'unmatched'")
                        .query(Long.class).single()).as("unmatched post-call payloads").isZero();
                assertThat(jdbc.sql("""
                        SELECT transcript FROM voice_sessions WHERE campaign_id = :campaign AND status = 'transcribed'""")
                        .param("campaign", result.salesCampaign().orElseThrow().id()).query(String.class).list())
                        .as("the sales agent greets each prospect by name, with its first message from the list")
                        .allMatch(t -> t.contains("Hello Prospect ") && t.contains("sales assistant"));
            }
            assertThat(everyCall).filteredOn(e -> contacts.sales().containsKey(e.to()))
                    .as("the sales campaign's calls reach the sales agent's number, the others support's")
                    .isNotEmpty().allMatch(e -> "+19385550111".equals(e.dialTarget()));
            assertThat(ledger).filteredOn(e -> e.dialTarget() != null)
                    .allMatch(e -> "+19385550100".equals(e.dialTarget()));
            assertThat(result.report().summary().dialed()).isEqualTo(DAY_CONTACTS);
            assertThat(reportRows).filteredOn(row -> !row.dialed())
                    .extracting(row -> row.phoneE164()).as("the night contacts were skipped, with the window as the reason")
                    .containsAll(contacts.night())
                    .doesNotContainAnyElementsOf(contacts.day());
            assertThat(reportRows).filteredOn(row -> !row.dialed())
                    .extracting(row -> row.reasonCode()).containsOnly("outside_calling_window");
            assertThat(Files.readString(result.htmlReport())).contains("<svg");
        } finally {
            if (mariaDb != null) {
                mariaDb.close();
            }
        }
    }

    private static List<String> phones(JdbcClient jdbc, String sql, DemoRun.Result result) {
        return jdbc.sql(sql).param("campaign", result.campaign().id()).query(String.class).list();
    }

    private static List<String> agentTalks(List<LedgerEntry> ledger, Conversation conversation) {
        return ledger.stream().filter(LedgerEntry::reachedAgent)
                .filter(e -> conversation.intent().equals(e.scriptedIntent()))
                .map(LedgerEntry::to).toList();
    }

    record Script(Outcome outcome, Conversation conversation) {
    }

    /** A generated list: zones chosen so that it is day for some contacts and night for others, now. */
    record Contacts(Path file, List<String> day, List<String> night, List<String> doNotCall, Map<String, Script> scripts,
                    Path salesFile, Map<String, Integer> sales) {

        /** What the agent should be told about the contact at {@code phone}: its CSV variables, plus ours. */
        Map<String, Object> variables(String phone, String sessionId, String campaign) {
            Map<String, Object> expected = new HashMap<>();
            Integer prospect = sales.get(phone);
            int i = prospect != null ? prospect : Integer.parseInt(phone.substring(8)) - 1000;
            expected.put("customer_name", (prospect != null ? "Prospect " : "Person ") + i);
            expected.put("customer_id", (prospect != null ? "S" : "C") + i);
            expected.put("session_id", sessionId);
            expected.put("campaign", campaign);
            expected.put("plan", PLANS[i % PLANS.length]);
            if (prospect == null) {
                expected.put("renewal_date", "2027-0" + (1 + i % 9) + "-15");
            }
            return expected;
        }

        static Contacts generate(Path file) throws IOException {
            int utcHour = Instant.now().atOffset(ZoneOffset.UTC).getHour();
            String dayZone = zoneWithLocalHour(utcHour, 13);
            String nightZone = zoneWithLocalHour(utcHour, 3);
            List<String> lines = new ArrayList<>(List.of("customer_id,name,phone,timezone,consent,consent_source,plan,Renewal Date"));
            List<String> day = new ArrayList<>();
            List<String> night = new ArrayList<>();
            List<String> doNotCall = new ArrayList<>();
            Map<String, Script> scripts = new HashMap<>();
            Script[] cycle = {
                    new Script(Outcome.COMPLETED, Conversation.BOOKING), new Script(Outcome.COMPLETED, Conversation.SUPPORT_TICKET),
                    new Script(Outcome.COMPLETED, Conversation.OPT_OUT), new Script(Outcome.COMPLETED, Conversation.NO_INTENT),
                    new Script(Outcome.BUSY, Conversation.NO_INTENT), new Script(Outcome.NO_ANSWER, Conversation.NO_INTENT),
                    new Script(Outcome.VOICEMAIL, Conversation.NO_INTENT), new Script(Outcome.FAILED, Conversation.NO_INTENT)};
            int n = 0;
            for (int i = 0; i < DAY_CONTACTS + NIGHT_CONTACTS + DO_NOT_CALL + NO_CONSENT; i++) {
                String phone = String.format("+1212%03d%04d", 200 + i / 100, 1000 + i);
                boolean isNight = i >= DAY_CONTACTS && i < DAY_CONTACTS + NIGHT_CONTACTS;
                boolean isDnc = i >= DAY_CONTACTS + NIGHT_CONTACTS && i < DAY_CONTACTS + NIGHT_CONTACTS + DO_NOT_CALL;
                boolean noConsent = i >= DAY_CONTACTS + NIGHT_CONTACTS + DO_NOT_CALL;
                lines.add("C" + i + ",Person " + i + "," + phone + "," + (isNight ? nightZone : dayZone) + ","
                        + (noConsent ? "no" : "yes") + ",web," + PLANS[i % PLANS.length] + ",2027-0" + (1 + i % 9) + "-15");
                if (isNight) {
                    night.add(phone);
                } else if (isDnc) {
                    doNotCall.add(phone);
                } else if (!noConsent) {
                    day.add(phone);
                    scripts.put(phone, cycle[n++ % cycle.length]);
                }
            }
            Files.write(file, lines);
            // The second campaign's list, for the agent "sales": first_message is an override, not a variable.
            Path salesFile = file.resolveSibling("sales.csv");
            List<String> salesLines = new ArrayList<>(List.of("customer_id,name,phone,timezone,consent,plan,first_message"));
            Map<String, Integer> sales = new HashMap<>();
            for (int i = 0; i < SALES_CONTACTS; i++) {
                String phone = String.format("+1213%03d%04d", 300, 5000 + i);
                salesLines.add("S" + i + ",Prospect " + i + "," + phone + "," + dayZone + ",yes," + PLANS[i % PLANS.length]
                        + ",\"Hello {{customer_name}}, this is the sales assistant.\"");
                sales.put(phone, i);
                scripts.put(phone, new Script(Outcome.COMPLETED, Conversation.NO_INTENT));
            }
            Files.write(salesFile, salesLines);
            return new Contacts(file, day, night, doNotCall, scripts, salesFile, sales);
        }

        /** An Etc/GMT zone whose local hour is {@code localHour} when UTC's is {@code utcHour}. */
        private static String zoneWithLocalHour(int utcHour, int localHour) {
            int offset = Math.floorMod(localHour - utcHour + 12, 24) - 12;
            if (offset == 0) {
                return "Etc/UTC";
            }
            // Etc/GMT names have the sign reversed: Etc/GMT-3 is three hours ahead of UTC.
            return "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
        }
    }
}
