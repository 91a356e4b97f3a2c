package sa.navaia.dialer.dnc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.db.SqlTime;

/**
 * The do-not-call lists in {@code dnc_numbers}. Checked when contacts are imported and again right
 * before each dial; an opt-out lands on the system list at once. An entry taken off a list moves to
 * {@code dnc_removals} with who removed it and why, so the list's history is never lost.
 */
public final class DoNotCallRepository {

    private static final String INSERT = """
            INSERT INTO dnc_numbers (phone_e164, scope, source, reason, session_id, added_by, added_at)
            VALUES (:phone, :scope, :source, :reason, :sessionId, :addedBy, :now)""";
    private static final String SCOPES_OF_NUMBER = """
            SELECT scope FROM dnc_numbers WHERE phone_e164 = :phone AND scope IN ('system', :campaignScope)""";
    private static final String LISTED_AMONG = """
            SELECT DISTINCT phone_e164 FROM dnc_numbers
             WHERE phone_e164 IN (:phones) AND scope IN ('system', :campaignScope)""";
    private static final String ENTRIES = """
            SELECT * FROM dnc_numbers WHERE scope = :scope ORDER BY added_at, id""";
    private static final String ENTRIES_PAGE = """
            SELECT * FROM dnc_numbers WHERE scope = :scope ORDER BY added_at, id LIMIT :limit OFFSET :offset""";
    private static final String ENTRIES_MATCHING = """
            SELECT * FROM dnc_numbers WHERE scope = :scope AND phone_e164 LIKE :pattern
             ORDER BY added_at, id LIMIT :limit OFFSET :offset""";
    private static final String COUNT = "SELECT COUNT(*) FROM dnc_numbers WHERE scope = :scope";
    /** Numbers are stored in E.164, so the digits a person types are a substring of the stored number. */
    private static final String SEARCH = """
            SELECT * FROM dnc_numbers WHERE phone_e164 LIKE :pattern ORDER BY phone_e164, scope LIMIT :limit""";
    private static final String ENTRY = "SELECT * FROM dnc_numbers WHERE phone_e164 = :phone AND scope = :scope";
    private static final String ENTRIES_OF_NUMBER = "SELECT * FROM dnc_numbers WHERE phone_e164 = :phone ORDER BY added_at, id";
    private static final String ARCHIVE = """
            INSERT INTO dnc_removals (phone_e164, scope, source, reason, session_id, added_by, added_at,
                                      removed_by, removal_reason, removed_at)
            SELECT phone_e164, scope, source, reason, session_id, added_by, added_at, :removedBy, :removalReason, :now
              FROM dnc_numbers WHERE phone_e164 = :phone AND scope = :scope""";
    private static final String DELETE = "DELETE FROM dnc_numbers WHERE phone_e164 = :phone AND scope = :scope";
    private static final String SEARCH_REMOVALS = """
            SELECT * FROM dnc_removals WHERE phone_e164 LIKE :pattern ORDER BY phone_e164, removed_at LIMIT :limit""";
    private static final String REMOVALS_OF_NUMBER = "SELECT * FROM dnc_removals WHERE phone_e164 = :phone ORDER BY removed_at, id";
    private static final String FORGET_CALL = "UPDATE dnc_numbers SET session_id = NULL WHERE phone_e164 = :phone";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public DoNotCallRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    /** Puts a number on a list on the system's behalf; true if it was added, false if it was there already. */
    public boolean add(String phoneE164, DoNotCallScope scope, String source, String reason, String sessionId) {
        return add(phoneE164, scope, source, reason, sessionId, "system");
    }

    /** Puts a number on a list; true if it was added, false if it was there already (the first entry is kept). */
    public boolean add(String phoneE164, DoNotCallScope scope, String source, String reason, String sessionId, String addedBy) {
        try {
            return jdbc.sql(INSERT).param("phone", phoneE164).param("scope", scope.code()).param("source", source)
                    .param("reason", reason).param("sessionId", sessionId).param("addedBy", addedBy)
                    .param("now", SqlTime.utc(clock.instant())).update() == 1;
        } catch (DuplicateKeyException alreadyListed) {
            return false;
        }
    }

    /** Adds many numbers in one transaction; answers how many were new. */
    public int addAll(Collection<String> phonesE164, DoNotCallScope scope, String source, String reason, String addedBy) {
        Integer added = transaction.execute(status -> {
            int count = 0;
            for (String phone : phonesE164) {
                if (jdbc.sql(ENTRY).param("phone", phone).param("scope", scope.code()).query((rs, row) -> 1).optional().isEmpty()
                        && add(phone, scope, source, reason, null, addedBy)) {
                    count++;
                }
            }
            return count;
        });
        return added == null ? 0 : added;
    }

    /**
     * Takes a number off a list, keeping the entry in {@code dnc_removals} with who removed it and why. False when the
     * number was not on that list.
     */
    public boolean remove(String phoneE164, DoNotCallScope scope, String removedBy, String reason) {
        if (removedBy == null || removedBy.isBlank() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Taking a number off a do-not-call list needs who does it and why"
                    + " (e.g. --by jane --reason \"consent given again in writing on 2026-11-20\").");
        }
        Boolean removed = transaction.execute(status -> {
            int archived = jdbc.sql(ARCHIVE).param("removedBy", removedBy).param("removalReason", reason)
                    .param("now", SqlTime.utc(clock.instant())).param("phone", phoneE164).param("scope", scope.code()).update();
            return archived == 1 && jdbc.sql(DELETE).param("phone", phoneE164).param("scope", scope.code()).update() == 1;
        });
        return Boolean.TRUE.equals(removed);
    }

    /** The list that stops a call to this number in this campaign: the system list first. */
    public Optional<DoNotCallScope> listing(String phoneE164, long campaignId) {
        List<String> scopes = jdbc.sql(SCOPES_OF_NUMBER).param("phone", phoneE164)
                .param("campaignScope", DoNotCallScope.campaign(campaignId).code()).query(String.class).list();
        if (scopes.contains(DoNotCallScope.SYSTEM.code())) {
            return Optional.of(DoNotCallScope.SYSTEM);
        }
        return scopes.stream().findFirst().map(DoNotCallScope::new);
    }

    /** Which of these numbers are on the system list or the campaign's (for checking a chunk at once). */
    public Set<String> listedAmong(Collection<String> phonesE164, long campaignId) {
        if (phonesE164.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql(LISTED_AMONG).param("phones", phonesE164)
                .param("campaignScope", DoNotCallScope.campaign(campaignId).code()).query(String.class).list());
    }

    public List<DoNotCallEntry> entries(DoNotCallScope scope) {
        return jdbc.sql(ENTRIES).param("scope", scope.code()).query(DoNotCallRepository::map).list();
    }

    /** One page of a list, oldest first. */
    public List<DoNotCallEntry> entries(DoNotCallScope scope, int offset, int limit) {
        return jdbc.sql(ENTRIES_PAGE).param("scope", scope.code()).param("limit", limit).param("offset", offset)
                .query(DoNotCallRepository::map).list();
    }

    /** One page of a list, oldest first, of the numbers whose digits contain {@code digits} (all when it has none). */
    public List<DoNotCallEntry> entries(DoNotCallScope scope, String digits, int offset, int limit) {
        String wanted = digits == null ? "" : digits.replaceAll("[^0-9]", "");
        return jdbc.sql(ENTRIES_MATCHING).param("scope", scope.code()).param("pattern", "%" + wanted + "%")
                .param("limit", limit).param("offset", offset).query(DoNotCallRepository::map).list();
    }

    public long count(DoNotCallScope scope) {
        return jdbc.sql(COUNT).param("scope", scope.code()).query(Long.class).single();
    }

    /** Entries on any list whose number contains these digits (a whole number, an area code, the last four). */
    public List<DoNotCallEntry> search(String digits, int limit) {
        return jdbc.sql(SEARCH).param("pattern", "%" + digitsOf(digits) + "%").param("limit", limit)
                .query(DoNotCallRepository::map).list();
    }

    /** Entries taken off a list whose number contains these digits, with who removed them and why. */
    public List<DoNotCallRemoval> searchRemovals(String digits, int limit) {
        return jdbc.sql(SEARCH_REMOVALS).param("pattern", "%" + digitsOf(digits) + "%").param("limit", limit)
                .query(DoNotCallRepository::removal).list();
    }

    /** The number's entries on every list. */
    public List<DoNotCallEntry> entriesOf(String phoneE164) {
        return jdbc.sql(ENTRIES_OF_NUMBER).param("phone", phoneE164).query(DoNotCallRepository::map).list();
    }

    /** The number's entries that were taken off a list, oldest first. */
    public List<DoNotCallRemoval> removalsOf(String phoneE164) {
        return jdbc.sql(REMOVALS_OF_NUMBER).param("phone", phoneE164).query(DoNotCallRepository::removal).list();
    }

    /** Erasure: the entries stay (the law wants them kept), but no longer point at a call that is being erased. */
    public int forgetCalls(String phoneE164) {
        return jdbc.sql(FORGET_CALL).param("phone", phoneE164).update();
    }

    private static DoNotCallRemoval removal(ResultSet rs, int row) throws SQLException {
        return new DoNotCallRemoval(map(rs, row), rs.getString("removed_by"), rs.getString("removal_reason"),
                SqlTime.instant(rs, "removed_at"));
    }

    private static String digitsOf(String digits) {
        String wanted = digits.replaceAll("[^0-9]", "");
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("Search with some digits of the number, e.g. 9385550001 or 555; got \"" + digits + "\".");
        }
        return wanted;
    }

    private static DoNotCallEntry map(ResultSet rs, int row) throws SQLException {
        return new DoNotCallEntry(rs.getString("phone_e164"), new DoNotCallScope(rs.getString("scope")),
                rs.getString("source"), Optional.ofNullable(rs.getString("reason")),
                Optional.ofNullable(rs.getString("session_id")), Optional.ofNullable(rs.getString("added_by")),
                SqlTime.instant(rs, "added_at"));
    }
}
