package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.DoNotCallScope;

/** The dial job's page of due contacts carries each number's do-not-call listing, on H2 and MariaDB. */
class DialingContactRepositoryIT {

    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aPageOfDueContactsSaysWhichDoNotCallListEachNumberIsOn(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            Campaign campaign = campaigns.create(Campaign.draft("page", "support", "+19383362295", "US", NOW));
            Campaign other = campaigns.create(Campaign.draft("other", "support", "+19383362295", "US", NOW));
            DoNotCallRepository doNotCall = new DoNotCallRepository(db.dataSource(), clock);
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            for (String phone : List.of("+12122000001", "+12122000002", "+12122000003", "+12122000004", "+12122000005")) {
                jdbc.sql("""
                        INSERT INTO contacts (campaign_id, phone_e164, consent, status, attempts_made, created_at, updated_at)
                        VALUES (:campaignId, :phone, TRUE, 'pending', 0, :now, :now)""")
                        .param("campaignId", campaign.id()).param("phone", phone)
                        .param("now", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC)).update();
            }
            doNotCall.add("+12122000002", DoNotCallScope.SYSTEM, "manual", "asked by letter", null);
            doNotCall.add("+12122000003", DoNotCallScope.campaign(campaign.id()), "manual", "this campaign only", null);
            doNotCall.add("+12122000004", DoNotCallScope.campaign(campaign.id()), "manual", "both lists", null);
            doNotCall.add("+12122000004", DoNotCallScope.SYSTEM, "opt-out", "both lists", null);
            doNotCall.add("+12122000005", DoNotCallScope.campaign(other.id()), "manual", "another campaign's list", null);

            List<DueContact> page = new DialingContactRepository(db.dataSource(), clock).duePage(campaign.id(), NOW, 0, 10);

            Map<String, Optional<DoNotCallScope>> listings = page.stream()
                    .collect(Collectors.toMap(DueContact::phoneE164, DueContact::doNotCall));
            assertThat(listings).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "+12122000001", Optional.empty(),
                    "+12122000002", Optional.of(DoNotCallScope.SYSTEM),
                    "+12122000003", Optional.of(DoNotCallScope.campaign(campaign.id())),
                    "+12122000004", Optional.of(DoNotCallScope.SYSTEM),
                    "+12122000005", Optional.empty()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void pagesWalkTheCampaignsDueContactsInIdOrderFromWhereThePassStands(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            Campaign campaign = campaigns.create(Campaign.draft("walk", "support", "+19383362295", "US", NOW));
            Campaign other = campaigns.create(Campaign.draft("older", "support", "+19383362295", "US", NOW));
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            LocalDateTime later = LocalDateTime.ofInstant(NOW.plusSeconds(3600), ZoneOffset.UTC);
            LocalDateTime earlier = LocalDateTime.ofInstant(NOW.minusSeconds(60), ZoneOffset.UTC);
            // Interleaved: pending and retry contacts, due and not, another campaign's, in id order of insertion.
            Object[][] rows = {
                    {campaign, "+12123000001", "pending", null}, {campaign, "+12123000002", "retry", earlier},
                    {other, "+12123000003", "pending", null}, {campaign, "+12123000004", "retry", later},
                    {campaign, "+12123000005", "done", null}, {campaign, "+12123000006", "pending", later},
                    {campaign, "+12123000007", "pending", earlier}, {campaign, "+12123000008", "retry", earlier},
                    {campaign, "+12123000009", "suppressed", null}, {campaign, "+12123000010", "pending", null}};
            for (Object[] row : rows) {
                jdbc.sql("""
                        INSERT INTO contacts (campaign_id, phone_e164, consent, status, attempts_made, next_attempt_at,
                                              created_at, updated_at)
                        VALUES (:campaignId, :phone, TRUE, :status, 0, :next, :now, :now)""")
                        .param("campaignId", ((Campaign) row[0]).id()).param("phone", row[1]).param("status", row[2])
                        .param("next", row[3]).param("now", LocalDateTime.ofInstant(NOW, ZoneOffset.UTC)).update();
            }
            DialingContactRepository contacts = new DialingContactRepository(db.dataSource(), clock);

            List<DueContact> first = contacts.duePage(campaign.id(), NOW, 0, 3);
            List<DueContact> second = contacts.duePage(campaign.id(), NOW, first.get(first.size() - 1).id(), 3);

            assertThat(first).extracting(DueContact::phoneE164).containsExactly("+12123000001", "+12123000002", "+12123000007");
            assertThat(second).extracting(DueContact::phoneE164).containsExactly("+12123000008", "+12123000010");
            assertThat(first.get(0).id()).isLessThan(first.get(1).id());
        }
    }
}
