package sa.navaia.dialer.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.db.TestDatabase;

/** Contacts stored many to a statement, on H2 and MariaDB, as the import's writer uses them. */
class ContactRepositoryIT {

    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final int CONTACTS = 2 * ContactRepository.ROWS_PER_INSERT + 37;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void storesEveryContactWithEveryColumnAcrossStatements(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            long campaign = campaign(db);
            ContactRepository contacts = new ContactRepository(db.dataSource(), CLOCK);

            contacts.insertAll(numbered(campaign, 0, CONTACTS));

            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            assertThat(jdbc.sql("SELECT COUNT(*) FROM contacts WHERE campaign_id = ?").param(campaign)
                    .query(Long.class).single()).isEqualTo(CONTACTS);
            var last = jdbc.sql("""
                    SELECT line_number, phone_raw, customer_id, name, time_zones, consent, consent_source, variables,
                           status, next_attempt_at, created_at FROM contacts WHERE phone_e164 = ?""")
                    .param(phone(CONTACTS - 1)).query().singleRow();
            assertThat(last).containsEntry("line_number", (long) CONTACTS + 1)
                    .containsEntry("phone_raw", "(212) 200-" + String.format("%04d", CONTACTS - 1))
                    .containsEntry("customer_id", "C" + (CONTACTS - 1))
                    .containsEntry("name", "Person " + (CONTACTS - 1))
                    .containsEntry("time_zones", "America/New_York")
                    .containsEntry("consent", true)
                    .containsEntry("consent_source", "import")
                    .containsEntry("variables", "{\"city\":\"NYC\"}")
                    .containsEntry("status", "pending");
            assertThat(last.get("next_attempt_at")).isNotNull();
            assertThat(last.get("created_at")).isNotNull();
        }
    }

    /**
     * The writer's fallback: a number someone else stored meanwhile fails the statement it is in; rolled back to the
     * savepoint, none of the group stays, and stored one by one every other number is.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aNumberStoredMeanwhileFailsTheGroupWhichIsThenStoredOneByOne(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            long campaign = campaign(db);
            ContactRepository contacts = new ContactRepository(db.dataSource(), CLOCK);
            int taken = ContactRepository.ROWS_PER_INSERT + 20; // in the second statement: the first one succeeded
            contacts.insertAll(numbered(campaign, taken, 1));
            List<NewContact> group = numbered(campaign, 0, CONTACTS);
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(db.dataSource());
            TransactionTemplate chunk = new TransactionTemplate(transactions);
            TransactionTemplate savepoint = new TransactionTemplate(transactions);
            savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);

            List<Boolean> storedOneByOne = chunk.execute(status -> {
                assertThatThrownBy(() -> savepoint.executeWithoutResult(nested -> contacts.insertAll(group)))
                        .isInstanceOf(DuplicateKeyException.class);
                return group.stream().map(contacts::insertOne).toList();
            });

            assertThat(storedOneByOne).filteredOn(stored -> !stored).hasSize(1);
            assertThat(storedOneByOne.get(taken)).isFalse();
            assertThat(JdbcClient.create(db.dataSource()).sql("SELECT COUNT(*) FROM contacts WHERE campaign_id = ?")
                    .param(campaign).query(Long.class).single()).isEqualTo(CONTACTS);
        }
    }

    private static long campaign(TestDatabase.Migrated db) {
        return new CampaignRepository(db.dataSource(), CLOCK)
                .create(Campaign.draft("bulk", "support", "+19383362295", "US", NOW)).id();
    }

    private static List<NewContact> numbered(long campaign, int first, int count) {
        return IntStream.range(first, first + count).mapToObj(i -> new NewContact(campaign, null, (long) i + 2, phone(i),
                "(212) 200-" + String.format("%04d", i), "US", "C" + i, "Person " + i, "America/New_York", true, "import",
                NOW, "{\"city\":\"NYC\"}", ContactStatus.PENDING, null)).toList();
    }

    private static String phone(int i) {
        return "+1212200" + String.format("%04d", i);
    }
}
