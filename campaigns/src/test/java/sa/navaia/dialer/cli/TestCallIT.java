package sa.navaia.dialer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.agent.AgentContext;
import sa.navaia.dialer.agent.AgentContextRepository;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.DatabaseSettings;
import sa.navaia.dialer.config.SandboxSettings;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.DoNotCallScope;
import sa.navaia.dialer.sandbox.LedgerEntry;
import sa.navaia.dialer.sandbox.Sandbox;

/**
 * {@code campaign test-call} of the packaged CLI against the sandbox carrier, on MariaDB (production's database; the
 * records it writes are the dial job's, whose repositories are tested on H2 as well): the records it makes
 * before the call, the one call it places, the contact it speaks as left alone, and its refusals. No receiver runs
 * ({@code --wait 0s}): what the agent hears is the receiver's part.
 */
class TestCallIT {

    private static final String TO = "+12125550123";
    private static final String ON_DNC = "+12125550199";

    @TempDir
    Path workDir;

    record Run(int exitCode, String out, String err) {
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.class, names = "MARIADB")
    void placesOneCallAsAContactAndRecordsItBeforeTheCall(TestDatabase kind) throws Exception {
        try (Sandbox sandbox = Sandbox.builder(new SandboxSettings(0, 42, 1000, 10, 100, 0, 0)).build().start();
             Database db = database(kind)) {
            Map<String, String> env = new HashMap<>(db.environment());
            env.putAll(Map.of("DIALER_SANDBOX_PORT", String.valueOf(sandbox.baseUri().getPort()),
                    "API_URL", "http://127.0.0.1:9"));
            Run migrated = dialer(env, "migrate");
            assertThat(migrated.exitCode()).as(migrated.err()).isZero();
            Clock clock = Clock.systemUTC();
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            Campaign spring = campaigns.create(Campaign.draft("spring", "support", "+19383362295", "US", clock.instant()));
            Campaign autumn = campaigns.create(Campaign.draft("autumn", "support", "+19383362295", "US", clock.instant()));
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            long alice = contact(jdbc, spring.id(), "+12125550101", "Alice", "{\"Plan\":\"gold\"}");
            long bob = contact(jdbc, autumn.id(), "+12125550102", "Bob", null);
            new DoNotCallRepository(db.dataSource(), clock).add(ON_DNC, DoNotCallScope.SYSTEM, "manual", "asked", null);

            Run call = dialer(env, "campaign", "test-call", "--campaign", "spring", "--to", TO,
                    "--as-contact", String.valueOf(alice), "--wait", "0s");

            assertThat(call.exitCode()).as(call.err()).isZero();
            assertThat(call.out()).contains("Test call of campaign spring to +1212***0123 through agent support as contact "
                    + alice + ": placed as CA").contains("Not following it (--wait 0s).");
            Map<String, Object> attempt = jdbc.sql("SELECT * FROM call_attempts").query().singleRow();
            assertThat(attempt).containsEntry("campaign_id", spring.id()).containsEntry("decision", "dial")
                    .containsEntry("reason_code", "test_call").containsEntry("status", "placed")
                    .containsEntry("phone_e164", TO).containsEntry("run_id", "test-call")
                    .containsEntry("recipient_zone", "America/New_York");
            assertThat(attempt.get("contact_id")).isNull();
            assertThat(attempt.get("attempt_number")).isNull();
            String sessionId = (String) attempt.get("session_id");
            Map<String, Object> session = jdbc.sql("SELECT * FROM voice_sessions WHERE id = :id").param("id", sessionId)
                    .query().singleRow();
            assertThat(session).containsEntry("campaign_id", spring.id()).containsEntry("context_contact_id", alice)
                    .containsEntry("attempt_id", attempt.get("id")).containsEntry("agent_name", "support")
                    .containsEntry("call_sid", attempt.get("call_sid"));
            assertThat(session.get("contact_id")).isNull();
            AgentContext told = AgentContext.of(new AgentContextRepository(db.dataSource()).recipient(sessionId).orElseThrow());
            assertThat(told.dynamicVariables()).containsEntry("customer_name", "Alice").containsEntry("campaign", "spring")
                    .containsEntry("plan", "gold").containsEntry("session_id", sessionId);
            assertThat(sandbox.ledger()).extracting(LedgerEntry::to).containsExactly(TO);
            assertThat(jdbc.sql("SELECT status, attempts_made, last_attempt_at FROM contacts WHERE id = :id")
                    .param("id", alice).query().singleRow())
                    .containsEntry("status", "pending").containsEntry("attempts_made", 0).containsEntry("last_attempt_at", null);

            assertThat(dialer(env, "campaign", "test-call", "--campaign", "spring", "--to", ON_DNC, "--wait", "0s").err())
                    .contains("+1212***0199 is on the system do-not-call list; it is not called, not even for a test.");
            assertThat(dialer(env, "campaign", "test-call", "--campaign", "spring", "--to", "2125550123", "--wait", "0s").err())
                    .contains("--to must be an E.164 number, like +19383362295; got \"2125550123\".");
            assertThat(dialer(env, "campaign", "test-call", "--campaign", "spring", "--to", "+19002345678", "--wait", "0s").err())
                    .contains("\"+19002345678\" is a premium-rate number; premium-rate numbers are never dialed.");
            Run foreign = dialer(env, "campaign", "test-call", "--campaign", "spring", "--to", TO,
                    "--as-contact", String.valueOf(bob), "--wait", "0s");
            assertThat(foreign.exitCode()).isEqualTo(1);
            assertThat(foreign.err()).contains("Contact " + bob + " belongs to campaign " + autumn.id() + ", not to spring;");
            assertThat(sandbox.ledger()).as("nothing more was called").hasSize(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM call_attempts").query(Long.class).single()).isEqualTo(1);
        }
    }

    /** The database the CLI and the test share: a fresh MariaDB schema. */
    private record Database(HikariDataSource dataSource, Map<String, String> environment, AutoCloseable cleanup)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            dataSource.close();
            cleanup.close();
        }
    }

    private static Database database(TestDatabase kind) {
        TestDatabase.Migrated migrated = kind.create();
        DatabaseSettings settings = migrated.settings();
        return new Database(migrated.dataSource(), Map.of("DIALER_DB_URL", settings.url(),
                "DIALER_DB_USER", settings.user(), "DIALER_DB_PASSWORD", settings.password()), migrated::close);
    }

    private static long contact(JdbcClient jdbc, long campaign, String phone, String name, String variables) {
        Object now = SqlTime.utc(Instant.now());
        jdbc.sql("""
                INSERT INTO contacts (campaign_id, phone_e164, name, variables, time_zones, consent, status, attempts_made,
                                      created_at, updated_at)
                VALUES (:campaign, :phone, :name, :variables, 'America/New_York', TRUE, 'pending', 0, :now, :now)""")
                .param("campaign", campaign).param("phone", phone).param("name", name).param("variables", variables)
                .param("now", now).update();
        return jdbc.sql("SELECT id FROM contacts WHERE phone_e164 = :phone").param("phone", phone).query(Long.class).single();
    }

    private Run dialer(Map<String, String> env, String... args) throws Exception {
        String name = "run" + System.nanoTime();
        Process process = PackagedCli.start(workDir, env, List.of(), name, args);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("dialer " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Run(process.exitValue(), Files.readString(workDir.resolve(name + ".out"), StandardCharsets.UTF_8),
                Files.readString(workDir.resolve(name + ".err"), StandardCharsets.UTF_8));
    }
}
