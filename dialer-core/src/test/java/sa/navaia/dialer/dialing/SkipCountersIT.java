package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.eligibility.Decision;
import sa.navaia.dialer.eligibility.ReasonCode;
import sa.navaia.dialer.report.CampaignProgressRepository;

/** The console's skip counters count by the code the skip rows carry, a state rule's state included. */
class SkipCountersIT {

    private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void theCountersMatchTheSkipRowsReasonCodes(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            Campaign campaign = new CampaignRepository(db.dataSource(), clock)
                    .create(Campaign.draft("renewals", "support", "+19383362295", "US", NOW));
            DialingContactRepository contacts = new DialingContactRepository(db.dataSource(), clock);
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            List<DueContact> due = List.of("+14055550101", "+14055550102", "+12125550103").stream().map(phone -> {
                jdbc.sql("""
                        INSERT INTO contacts (campaign_id, phone_e164, consent, status, created_at, updated_at)
                        VALUES (:campaign, :phone, TRUE, 'pending', :now, :now)""")
                        .params(Map.of("campaign", campaign.id(), "phone", phone, "now", SqlTime.utc(NOW))).update();
                long id = jdbc.sql("SELECT id FROM contacts WHERE phone_e164 = :phone").param("phone", phone)
                        .query(Long.class).single();
                return contacts.find(id).orElseThrow();
            }).toList();
            Decision capped = new Decision(Decision.Action.SKIP, ReasonCode.STATE_FREQUENCY_CAP, "3 calls in 24 hours",
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("OK"));
            Decision noConsent = new Decision(Decision.Action.SKIP, ReasonCode.NO_CONSENT, "no consent",
                    Optional.empty(), Optional.empty(), Optional.empty());
            CallAttemptRepository attempts = new CallAttemptRepository(db.dataSource(), clock);

            attempts.recordSkips(campaign, List.of(new DialPlan(due.get(0), capped), new DialPlan(due.get(2), noConsent)), "run-1");
            attempts.recordSkips(campaign, List.of(new DialPlan(due.get(1), capped)), "run-2");

            Map<String, Long> rows = jdbc.sql("SELECT reason_code, COUNT(*) AS n FROM call_attempts GROUP BY reason_code")
                    .query((rs, row) -> Map.entry(rs.getString("reason_code"), rs.getLong("n"))).list().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(new CampaignProgressRepository(db.dataSource(), clock).progress(campaign.id()).skippedByReason())
                    .isEqualTo(rows).containsOnly(entry("state_frequency_cap_OK", 2L), entry("no_consent", 1L));
        }
    }
}
