package sa.navaia.dialer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.registry.NationalRegistry;

class AttemptReportIT {

    private static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void listsEveryAttemptAndEverySkipWithASummary(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            long campaign = new CampaignRepository(db.dataSource(), clock)
                    .create(Campaign.draft("renewals", "support", "+19383362295", "US", T0)).id();
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            long alice = contact(jdbc, campaign, "+12125550101", "=HYPERLINK(\"http://evil\")");
            long bob = contact(jdbc, campaign, "+12125550102", "cust-bob");
            long carol = contact(jdbc, campaign, "+12125550103", "cust-carol");
            long dave = contact(jdbc, campaign, "+12125550104", "cust-dave");
            attempt(jdbc, campaign, alice, 1, "dial", "ELIGIBLE", "completed", null, "vs_a", T0);
            session(jdbc, "vs_a", "conv_a", "booking", "completed", "agent_call_sid");
            attempt(jdbc, campaign, bob, 1, "dial", "ELIGIBLE", "completed", null, "vs_b", T0.plusSeconds(1));
            session(jdbc, "vs_b", null, null, "no-answer", null);
            jdbc.sql("UPDATE call_attempts SET identification_message = :m, key_press_opt_out_at = :at WHERE session_id = 'vs_b'")
                    .param("m", "This call was for telemarketing purposes, on behalf of Acme Inc.")
                    .param("at", SqlTime.utc(T0.plusSeconds(31))).update();
            attempt(jdbc, campaign, carol, 1, "dial", "ELIGIBLE", "busy", null, "vs_c", T0.plusSeconds(2));
            attempt(jdbc, campaign, dave, null, "skip", "DO_NOT_CALL_SYSTEM", null, null, null, T0.plusSeconds(3));
            attempt(jdbc, campaign, dave, null, "skip", "OUTSIDE_CALLING_WINDOW", null, null, null, T0.plusSeconds(4));
            attempt(jdbc, campaign, alice, 2, "dial", "ELIGIBLE", "completed", "machine_start", "vs_d", T0.plusSeconds(5));
            session(jdbc, "vs_d", "conv_d", null, null, "number_time");
            attempt(jdbc, campaign, bob, 2, "dial", "ELIGIBLE", null, null, null, T0.plusSeconds(86_400 * 3));

            AttemptReport report = new AttemptReportRepository(db.dataSource(), clock)
                    .report(campaign, "renewals", T0.minusSeconds(3600), T0.plusSeconds(86_400));
            AttemptReport.Summary summary = report.summary();

            assertThat(report.rows().first(100)).hasSize(6);
            assertThat(summary.decisions()).isEqualTo(6);
            assertThat(summary.dialed()).isEqualTo(4);
            assertThat(summary.skipped()).isEqualTo(2);
            assertThat(summary.outcomes()).containsEntry("completed", 2).containsEntry("busy", 1).containsEntry("voicemail", 1);
            assertThat(summary.answered()).isEqualTo(2);
            assertThat(summary.abandoned()).as("bob answered but never reached the agent").isEqualTo(1);
            assertThat(summary.abandonmentRate()).isEqualTo(0.5);
            assertThat(summary.skipReasons()).containsEntry("DO_NOT_CALL_SYSTEM", 1).containsEntry("OUTSIDE_CALLING_WINDOW", 1);
            assertThat(summary.dialsByRecipientHour()).containsEntry(9, 4);
            assertThat(summary.matchMethods()).containsOnly(entry("agent_call_sid", 1), entry("number_time", 1));
            assertThat(summary.weakMatches()).isEqualTo(1);
            assertThat(summary.matchLine()).isEqualTo("agent_call_sid 1, weak 1, unmatched 0");
            assertThat(report.rows().first(100)).extracting(AttemptReportRow::matchMethod)
                    .containsExactly("agent_call_sid", null, null, null, null, "number_time");

            StringWriter csv = new StringWriter();
            ReportCsv.write(report, csv);
            String[] all = csv.toString().split("\r\n");
            assertThat(all[0]).isEqualTo("# imports: 0 imported, 0 suppressed at import, 0 rejected, 0 duplicates");
            assertThat(all[1]).isEqualTo("# national do-not-call registry snapshot (oldest area code): none imported");
            assertThat(all[2]).startsWith("# abandonment rate, last 30 days: ");
            String[] lines = java.util.Arrays.stream(all).filter(line -> !line.startsWith("#")).toArray(String[]::new);
            assertThat(lines).hasSize(7);
            assertThat(lines[0]).endsWith(",error_code,match_method,registry_date,consent_basis,voicemail_action,"
                    + "identification_message,key_press_opt_out_at_utc");
            assertThat(lines[1]).endsWith(",agent_call_sid,,list,,,");
            assertThat(lines[2]).endsWith(",list,,\"This call was for telemarketing purposes, on behalf of Acme Inc.\","
                    + T0.plusSeconds(31));
            assertThat(csv.toString()).contains(",'+12125550101,").contains("\"'=HYPERLINK(\"\"http://evil\"\")\"")
                    .doesNotContain(",=HYPERLINK");

            String html = ReportHtml.render(report, phone -> phone.substring(0, 5) + "***" + phone.substring(phone.length() - 4));
            assertThat(html).contains("<svg").contains("+1212***0101").doesNotContain("+12125550101")
                    .contains("abandonment rate").contains("&lt;").doesNotContain("<script")
                    .contains("<th>matched by</th>").contains("<td>number_time</td>")
                    .contains("How post-call payloads were matched").contains("weak matches")
                    .contains("abandonment rate, last 30 days").contains("do-not-call registry snapshot")
                    .contains("<th>consent basis</th>").contains("<th>registry date</th>")
                    .contains("<th>identification message heard</th>").contains("<th>opted out by key (UTC)</th>")
                    .contains("<td>This call was for telemarketing purposes, on behalf of Acme Inc.</td>");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void theComplianceLinesShowTheCampaignsImportsRegistryStateRulesAndAbandonment(TestDatabase kind) throws Exception {
        try (TestDatabase.Migrated db = kind.create()) {
            long campaign = new CampaignRepository(db.dataSource(), clock)
                    .create(Campaign.draft("renewals", "support", "+19383362295", "US", T0)).id();
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            jdbc.sql("""
                    INSERT INTO imports (campaign_id, file_name, checksum, status, rows_read, imported, rejected, suppressed,
                                         duplicates, started_at)
                    VALUES (:campaign, 'list.csv', :checksum, 'completed', 10, 6, 1, 2, 1, :now)""")
                    .param("campaign", campaign).param("checksum", "a".repeat(64)).param("now", SqlTime.utc(T0)).update();
            NationalRegistry registry = new NationalRegistry(db.dataSource(), clock);
            registry.importFull(new BufferedReader(new StringReader("212,5550199\n")), "212.txt", LocalDate.of(2026, 11, 20),
                    "jane", rows -> { });
            registry.importFull(new BufferedReader(new StringReader("646,5550199\n")), "646.txt", LocalDate.of(2026, 11, 10),
                    "jane", rows -> { });
            long ann = contact(jdbc, campaign, "+12125550101", "cust-ann");
            long ben = contact(jdbc, campaign, "+12125550102", "cust-ben");
            long oli = contact(jdbc, campaign, "+14055550103", "cust-oli");
            attempt(jdbc, campaign, ann, 1, "dial", "eligible", "completed", "human", "vs_ann", T0.minusSeconds(86_400 * 3));
            session(jdbc, "vs_ann", "conv_ann", "booking", "completed", "conversation_id");
            attempt(jdbc, campaign, ben, 1, "dial", "eligible", "completed", "human", "vs_ben", T0.minusSeconds(86_400 * 2));
            session(jdbc, "vs_ben", null, null, "no-answer", null);
            attempt(jdbc, campaign, oli, null, "skip", "state_frequency_cap_OK", null, null, null, T0.minusSeconds(3600));

            AttemptReport report = new AttemptReportRepository(db.dataSource(), clock)
                    .report(campaign, "renewals", T0.minusSeconds(86_400 * 7), T0.plusSeconds(3600));

            StringWriter csv = new StringWriter();
            ReportCsv.write(report, csv);
            String[] lines = csv.toString().split("\r\n");
            assertThat(lines[0]).isEqualTo("# imports: 6 imported, 2 suppressed at import, 1 rejected, 1 duplicates");
            assertThat(lines[1]).as("the area code imported longest ago goes stale first")
                    .isEqualTo("# national do-not-call registry snapshot (oldest area code): 2026-11-10");
            assertThat(lines[2]).startsWith("# abandonment rate, last 30 days: 50.0 % (1 of 2 calls answered by a person");
            assertThat(csv.toString()).contains(",skip,state_frequency_cap_OK,");
            String html = ReportHtml.render(report, phone -> phone);
            assertThat(html).contains("<b>50.0%</b><span>abandonment rate, last 30 days (1 of 2; limit 3 %)</span>")
                    .contains("<b>2026-11-10</b><span>do-not-call registry snapshot (oldest area code)</span>")
                    .contains("<b>2</b><span>suppressed at import</span>").contains("<b>1</b><span>rejected at import</span>")
                    .contains("<b>1</b><span>duplicates at import</span>").contains("<td>state_frequency_cap_OK</td>");
        }
    }

    private static long contact(JdbcClient jdbc, long campaign, String phone, String customerId) {
        jdbc.sql("""
                INSERT INTO contacts (campaign_id, phone_e164, customer_id, consent, status, created_at, updated_at)
                VALUES (:campaign, :phone, :customer, TRUE, 'pending', :now, :now)""")
                .param("campaign", campaign).param("phone", phone).param("customer", customerId)
                .param("now", SqlTime.utc(T0)).update();
        return jdbc.sql("SELECT id FROM contacts WHERE phone_e164 = :phone").param("phone", phone).query(Long.class).single();
    }

    private static void attempt(JdbcClient jdbc, long campaign, long contact, Integer number, String decision,
            String reason, String outcome, String answeredBy, String session, Instant at) {
        jdbc.sql("""
                INSERT INTO call_attempts (campaign_id, contact_id, attempt_number, decision, reason_code, reason_detail,
                                           phone_e164, caller_id, recipient_zone, recipient_local_time, status,
                                           session_id, outcome, answered_by, decided_at)
                SELECT :campaign, id, :number, :decision, :reason, '<b>why</b>', phone_e164, '+19383362295',
                       'America/New_York', '2026-11-24T09:00-05:00[America/New_York]', :status, :session, :outcome,
                       :answeredBy, :at
                  FROM contacts WHERE id = :contact""")
                .param("campaign", campaign).param("number", number).param("decision", decision).param("reason", reason)
                .param("status", "dial".equals(decision) ? (outcome == null ? "placed" : "ended") : "skipped")
                .param("session", session).param("outcome", outcome).param("answeredBy", answeredBy)
                .param("at", SqlTime.utc(at)).param("contact", contact).update();
    }

    private static void session(JdbcClient jdbc, String id, String conversation, String intent, String dialStatus,
                                String matchMethod) {
        jdbc.sql("""
                INSERT INTO voice_sessions (id, status, created_at, conversation_id, extracted_intent, dial_call_status,
                                            match_method, updated_at)
                VALUES (:id, 'completed', :now, :conversation, :intent, :dial, :method, :now)""")
                .param("id", id).param("now", SqlTime.utc(T0)).param("conversation", conversation)
                .param("intent", intent).param("dial", dialStatus).param("method", matchMethod).update();
    }
}
