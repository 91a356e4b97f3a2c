package sa.navaia.dialer.contact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;

/**
 * Contacts in the {@code contacts} table: one per number per campaign (constraint
 * {@code uk_contacts_campaign_phone}). Imports insert them in batches; a number the campaign already
 * has is never stored twice.
 */
public final class ContactRepository {

    /** One {@code (?, ...)} per contact in {@code :rows}, with the values of {@link #row}. */
    private static final String INSERT_ROWS = """
            INSERT INTO contacts (campaign_id, import_id, line_number, phone_e164, phone_raw, region_code, customer_id,
                                  name, time_zones, consent, consent_source, consent_at, variables, status,
                                  final_outcome, next_attempt_at, created_at, updated_at, us_state)
            VALUES :rows""";
    /**
     * Contacts per multi-row INSERT. One statement of many rows costs the driver less than a JDBC batch that it rewrites
     * into one: Connector/J encodes every value of a rewritten batch once more just to size it (22% of the import's CPU
     * on MariaDB).
     */
    static final int ROWS_PER_INSERT = 100;
    /** A row-value IN, so that H2 (not only MySQL) looks both columns up in uk_contacts_campaign_phone. */
    private static final String EXISTING = """
            SELECT phone_e164, import_id, line_number FROM contacts
             WHERE (campaign_id, phone_e164) IN (:keys)""";
    private static final String COUNT_BY_STATUS = """
            SELECT status, COUNT(*) AS n FROM contacts WHERE campaign_id = :campaignId GROUP BY status""";
    private static final String COUNT_BY_STATUS_OF_IMPORT = """
            SELECT status, COUNT(*) AS n FROM contacts WHERE import_id = :importId GROUP BY status""";

    private final JdbcClient jdbc;
    private final Clock clock;

    public ContactRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    /**
     * Stores new contacts, {@value #ROWS_PER_INSERT} to an INSERT statement. Callers filter out numbers the campaign has
     * (see {@link #existingPhones}); a number added meanwhile by someone else fails its statement with a
     * {@link DuplicateKeyException}, which the caller rolls back whole (a savepoint) before storing row by row with
     * {@link #insertOne}.
     */
    public void insertAll(List<NewContact> contacts) {
        for (int from = 0; from < contacts.size(); from += ROWS_PER_INSERT) {
            List<Object[]> rows = contacts.subList(from, Math.min(contacts.size(), from + ROWS_PER_INSERT)).stream()
                    .map(this::row).toList();
            jdbc.sql(INSERT_ROWS).param("rows", rows).update();
        }
    }

    /** Stores one contact; false when the campaign has the number already. */
    public boolean insertOne(NewContact contact) {
        try {
            return jdbc.sql(INSERT_ROWS).param("rows", List.<Object[]>of(row(contact))).update() == 1;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /** Which of these numbers the campaign has already, with the import and line each came from. */
    public Map<String, ExistingContact> existingPhones(long campaignId, Collection<String> phonesE164) {
        Map<String, ExistingContact> found = new HashMap<>();
        if (phonesE164.isEmpty()) {
            return found;
        }
        List<String> phones = new ArrayList<>(phonesE164);
        for (int from = 0; from < phones.size(); from += 1000) {
            List<Object[]> keys = phones.subList(from, Math.min(phones.size(), from + 1000)).stream()
                    .map(phone -> new Object[] {campaignId, phone}).toList();
            jdbc.sql(EXISTING).param("keys", keys)
                    .query(ContactRepository::mapExisting).list()
                    .forEach(existing -> found.put(existing.phoneE164(), existing));
        }
        return found;
    }

    /** The campaign's contacts counted by status code ({@code pending}, {@code suppressed}, ...). */
    public Map<String, Long> countsByStatus(long campaignId) {
        return counts(jdbc.sql(COUNT_BY_STATUS).param("campaignId", campaignId));
    }

    /** The contacts one import stored, counted by status code. */
    public Map<String, Long> countsByStatusOfImport(long importId) {
        return counts(jdbc.sql(COUNT_BY_STATUS_OF_IMPORT).param("importId", importId));
    }

    private static Map<String, Long> counts(JdbcClient.StatementSpec spec) {
        Map<String, Long> counts = new TreeMap<>();
        spec.query((ResultSet rs) -> {
            while (rs.next()) {
                counts.put(rs.getString("status"), rs.getLong("n"));
            }
            return counts;
        });
        return counts;
    }

    /** The values of {@link #INSERT_ROWS}'s columns for one contact. */
    private Object[] row(NewContact c) {
        Object now = SqlTime.utc(clock.instant());
        return new Object[] {c.campaignId(), c.importId(), c.lineNumber(), c.phoneE164(), c.phoneRaw(), c.regionCode(),
                c.customerId(), c.name(), c.timeZones(), c.consent(), c.consentSource(), SqlTime.utc(c.consentAt()),
                c.variablesJson(), c.status().code(), c.finalOutcome(),
                c.status() == ContactStatus.PENDING ? now : null, now, now, c.usState()};
    }

    private static ExistingContact mapExisting(ResultSet rs, int row) throws SQLException {
        long importId = rs.getLong("import_id");
        Long imported = rs.wasNull() ? null : importId;
        long line = rs.getLong("line_number");
        return new ExistingContact(rs.getString("phone_e164"), imported, rs.wasNull() ? null : line);
    }
}
