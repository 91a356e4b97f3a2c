package sa.navaia.dialer.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.app.DialerContext;
import sa.navaia.dialer.app.TestSettings;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.demo.ReceiverProcess;
import sa.navaia.dialer.dialing.DialRuns;
import sa.navaia.dialer.sandbox.CallScript;
import sa.navaia.dialer.sandbox.LedgerEntry;
import sa.navaia.dialer.sandbox.Outcome;
import sa.navaia.dialer.sandbox.Sandbox;

/**
 * ElevenLabs never redelivers a post-call webhook: here every one is lost (the agent posts them nowhere), while the
 * receiver connects the calls and the personalisation webhook records each arriving leg. The sweeper finds each
 * conversation through ElevenLabs' conversations API by that leg and reconciles it, matched by identity. MariaDB: the
 * receiver is its own process.
 */
class TranscriptSweeperIT {

    @TempDir
    Path workDir;

    @Test
    void transcriptsThatNeverCameAreFetchedAndMatchedByTheLegTheAgentSaw() throws Exception {
        try (TestDatabase.Migrated db = TestDatabase.MARIADB.create()) {
            int receiverPort = ReceiverProcess.freePort();
            int sandboxPort = ReceiverProcess.freePort();
            Map<String, String> environment = new HashMap<>(Map.of(
                    "DIALER_DB_URL", db.settings().url(), "DIALER_DB_USER", db.settings().user(),
                    "DIALER_DB_PASSWORD", db.settings().password(),
                    "DIALER_PORT", String.valueOf(receiverPort), "API_URL", "http://127.0.0.1:" + receiverPort,
                    "DIALER_SANDBOX_PORT", String.valueOf(sandboxPort), "DIALER_SANDBOX_TIME_SCALE", "300",
                    "DIALER_SANDBOX_API_LATENCY_MS", "5", "DIALER_ACCOUNT_CPS", "20", "DIALER_NUMBER_CPS", "20"));
            environment.put("DIALER_DATA_DIR", workDir.toString());
            DialerSettings settings = TestSettings.forDatabase(db, environment);
            // More calls than the 50 newest of a window that the sweeper once looked through per session.
            List<String> phones = java.util.stream.IntStream.range(0, 60).mapToObj(i -> "+1212736" + (3100 + i)).toList();
            try (Sandbox sandbox = Sandbox.forDialer(settings).postCallUrl(null).agentLegFailureRate(0).build().start();
                 ReceiverProcess receiver = ReceiverProcess.start(Path.of("..").toAbsolutePath().normalize(), environment,
                         receiverPort, workDir.resolve("receiver.log"), Duration.ofSeconds(120));
                 ConfigurableApplicationContext worker = DialerContext.start(settings, "dialer.dial.horizon=PT0S",
                         "dialer.sweep.transcript-quiet-for=PT0S", "dialer.sweep.pace=PT0S")) {
                phones.forEach(phone -> sandbox.script(phone, CallScript.of(Outcome.COMPLETED)));
                Campaign campaign = campaignWith(db, phones);

                worker.getBean(DialRuns.class).launch(campaign.id());
                await().atMost(Duration.ofSeconds(90)).until(() -> sandbox.ledger().size() == phones.size()
                        && sandbox.ledger().stream().allMatch(LedgerEntry::settled));
                JdbcClient jdbc = JdbcClient.create(db.dataSource());
                await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT COUNT(*) FROM voice_sessions WHERE status = 'completed' AND agent_call_sid IS NOT NULL")
                        .query(Long.class).single() == phones.size());

                // The pass takes calls that ended before it began (the receiver stamps the end as the callback is applied).
                await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT COUNT(*) FROM voice_sessions WHERE status = 'completed' AND ended_at < :now")
                        .param("now", sa.navaia.dialer.db.SqlTime.utc(java.time.Instant.now().minusSeconds(1)))
                        .query(Long.class).single() == phones.size());

                TranscriptSweeper.Pass pass = worker.getBean(TranscriptSweeper.class).sweep();

                // On a loaded machine an agent may miss the <Dial> timeout (30 s, 0.1 s at this time scale): that call
                // has no conversation. The others must all be found, and be more than the 50 of the old limit.
                List<LedgerEntry> reached = sandbox.ledger().stream().filter(LedgerEntry::reachedAgent).toList();
                assertThat(reached).as("calls that reached the agent (too few proves nothing)").hasSizeGreaterThan(50);
                assertThat(pass.reconciled()).as("one pass finds every conversation of a busy window").isEqualTo(reached.size());
                for (LedgerEntry call : reached) {
                    Map<String, Object> session = jdbc.sql("""
                            SELECT status, conversation_id, match_method FROM voice_sessions WHERE call_sid = :sid""")
                            .param("sid", call.callSid()).query().singleRow();
                    assertThat(session.get("status")).isEqualTo("transcribed");
                    assertThat(session.get("conversation_id")).isEqualTo(call.conversationId());
                    assertThat(session.get("match_method")).isEqualTo("agent_call_sid");
                }
                assertThat(worker.getBean(TranscriptSweeper.class).sweep().looked()).as("nothing left").isZero();

                // A leg the personalisation webhook saw but the agent dropped (<Dial> reported it failed) has no
                // conversation, and is not looked for pass after pass.
                jdbc.sql("""
                        UPDATE voice_sessions SET status = 'completed', conversation_id = NULL, transcript = NULL,
                               dial_call_status = 'failed' WHERE call_sid = :sid""")
                        .param("sid", reached.get(0).callSid()).update();
                assertThat(worker.getBean(TranscriptSweeper.class).sweep().looked()).as("agent never reached").isZero();
            }
        }
    }

    private static Campaign campaignWith(TestDatabase.Migrated db, List<String> phones) {
        CampaignRepository campaigns = new CampaignRepository(db.dataSource(), Clock.systemUTC());
        Campaign draft = Campaign.draft("transcripts", "support", "+19383362295", "US", Clock.systemUTC().instant());
        Campaign created = campaigns.create(draft.withDialing(draft.allowedCountries(), draft.timeZone(),
                java.time.LocalTime.MIN, java.time.LocalTime.of(23, 59), draft.allowedDays(), java.util.Optional.empty(),
                false, 1, draft.retryBackoff(), Duration.ofMinutes(60), "None", 20, 100));
        campaigns.changeStatus(created.id(), CampaignStatus.DRAFT, CampaignStatus.ACTIVE);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        for (String phone : phones) {
            JdbcClient.create(db.dataSource()).sql("""
                    INSERT INTO contacts (campaign_id, phone_e164, region_code, time_zones, consent, status, attempts_made,
                                          name, variables, created_at, updated_at)
                    VALUES (:campaign, :phone, 'US', 'Etc/UTC', TRUE, 'pending', 0, :name, '{"plan":"gold"}', :now, :now)""")
                    .param("campaign", created.id()).param("phone", phone).param("name", "Person " + phone.substring(8))
                    .param("now", now).update();
        }
        return campaigns.findById(created.id()).orElseThrow();
    }
}
