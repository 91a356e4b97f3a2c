package sa.navaia.dialer.erasure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.phone.PhoneNumbers;

/**
 * Erases a person's personal data on request, in one transaction, and writes it to {@code erasure_log}. Removed: the
 * contact's name, customer id, raw number and variables (the contact stays, suppressed as {@code erased}, so it is
 * never dialed again); the sessions' transcripts, summaries, collected data and what the agent was told; bookings and
 * tickets; the stored webhook payloads of the person's calls (bodies replaced by {@code {}}) and any payload or import
 * reject that names the number; the recipient's state; the customer id on the person's consent records. Kept, as the
 * law requires: the do-not-call entries, the minimal compliance record of each call ({@code call_attempts}: number, time,
 * rule, outcome; kept 5 years for TSR record-keeping, 16 CFR 310.5), and the consent records without the customer id
 * (number, basis, source, time, text version: the proof the past calls relied on), each revoked by the request if it
 * was not already: a person who asks to be erased has withdrawn consent to be called, by a reasonable means.
 */
public final class Erasure {

    private static final String CONTACTS_BY_PHONE = "SELECT id FROM contacts WHERE phone_e164 = :key";
    private static final String CONTACTS_BY_CUSTOMER = "SELECT id FROM contacts WHERE customer_id = :key";
    private static final String SESSIONS = """
            SELECT id FROM voice_sessions WHERE customer_phone = :phone OR customer_id = :customerId
                OR contact_id IN (:contacts) OR context_contact_id IN (:contacts)""";
    private static final String PHONES_OF_CONTACTS = "SELECT DISTINCT phone_e164 FROM contacts WHERE id IN (:contacts)";
    private static final String ERASE_CONTACTS = """
            UPDATE contacts SET name = NULL, customer_id = NULL, phone_raw = NULL, variables = NULL, consent_source = NULL, us_state = NULL,
                   status = 'suppressed', final_outcome = 'erased', next_attempt_at = NULL, updated_at = :now
             WHERE id IN (:contacts)""";
    private static final String ERASE_SESSIONS = """
            UPDATE voice_sessions SET transcript = NULL, summary = NULL, data_collection = NULL, agent_context = NULL,
                   customer_id = NULL, updated_at = :now
             WHERE id IN (:sessions)""";
    private static final String ERASE_CONSENTS = """
            UPDATE consents SET customer_id = NULL,
                   revocation_source = CASE WHEN revoked_at IS NULL THEN 'erasure request' ELSE revocation_source END,
                   revoked_at = COALESCE(revoked_at, :now)
             WHERE phone_e164 IN (:phones)""";
    private static final String DELETE_BOOKINGS = "DELETE FROM bookings WHERE session_id IN (:sessions) OR customer_phone IN (:phones)";
    private static final String DELETE_TICKETS = "DELETE FROM tickets WHERE session_id IN (:sessions) OR customer_phone IN (:phones)";
    private static final String CONVERSATIONS = "SELECT conversation_id FROM voice_sessions WHERE id IN (:sessions) AND conversation_id IS NOT NULL";
    /** Stored payloads live in the inbox, and once applied and old in its archive (InboxArchive): both are blanked. */
    private static final List<String> PAYLOAD_TABLES = List.of("webhook_inbox", "webhook_inbox_archive");
    private static final String BLANK_PAYLOADS_OF_CALLS = """
            UPDATE %s SET body = '{}' WHERE body <> '{}' AND (session_id IN (:sessions) OR conversation_id IN (:conversations))""";
    /** A payload that matched nothing names the number in its body, as JSON (+1...) or form-encoded (%%2B1...). */
    private static final String BLANK_PAYLOADS_NAMING = """
            UPDATE %s SET body = '{}' WHERE body <> '{}' AND (body LIKE :json OR body LIKE :form)""";
    private static final String DELETE_REJECTS = "DELETE FROM import_rejects WHERE raw_values LIKE :digits";
    private static final String REJECT_REPORTS = "SELECT id, rejects_csv FROM imports WHERE rejects_csv LIKE :digits";
    private static final String UPDATE_REJECT_REPORT = "UPDATE imports SET rejects_csv = :csv WHERE id = :id";
    private static final String LOG = """
            INSERT INTO erasure_log (subject_kind, subject_hash, subject_hint, requested_by, reason, removed, erased_at)
            VALUES (:kind, :hash, :hint, :by, :reason, :removed, :now)""";

    /** Who is erased: by number or by customer id. */
    public enum Subject {
        PHONE, CUSTOMER_ID
    }

    /**
     * What was removed, by kind; and the person's numbers and sessions, for what lies outside the database (the
     * receivers' journals: {@link JournalScrub}).
     */
    public record Result(Map<String, Integer> removed, List<String> phones, List<String> sessions) {
        public String describe() {
            return removed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public Erasure(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    /**
     * @param key an E.164 number for {@link Subject#PHONE}, a customer id for {@link Subject#CUSTOMER_ID}
     */
    public Result erase(Subject subject, String key, String requestedBy, String reason) {
        if (requestedBy == null || requestedBy.isBlank() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("An erasure needs who asks for it and why (e.g. --by jane --reason \"request"
                    + " by email of 2026-11-20\"); both go to the audit trail.");
        }
        return transaction.execute(status -> {
            var now = SqlTime.utc(clock.instant());
            List<Long> contacts = jdbc.sql(subject == Subject.PHONE ? CONTACTS_BY_PHONE : CONTACTS_BY_CUSTOMER)
                    .param("key", key).query(Long.class).list();
            List<Long> contactKeys = contacts.isEmpty() ? List.of(-1L) : contacts;
            List<String> phones = subject == Subject.PHONE ? List.of(key)
                    : jdbc.sql(PHONES_OF_CONTACTS).param("contacts", contactKeys).query(String.class).list();
            List<String> sessions = jdbc.sql(SESSIONS).param("phone", subject == Subject.PHONE ? key : "")
                    .param("customerId", subject == Subject.CUSTOMER_ID ? key : "").param("contacts", contactKeys)
                    .query(String.class).list();
            List<String> sessionKeys = sessions.isEmpty() ? List.of("") : sessions;
            List<String> phoneKeys = phones.isEmpty() ? List.of("") : phones;
            List<String> conversations = jdbc.sql(CONVERSATIONS).param("sessions", sessionKeys).query(String.class).list();
            Map<String, Integer> removed = new LinkedHashMap<>();
            removed.put("contacts", jdbc.sql(ERASE_CONTACTS).param("now", now).param("contacts", contactKeys).update());
            removed.put("sessions", jdbc.sql(ERASE_SESSIONS).param("now", now).param("sessions", sessionKeys).update());
            removed.put("consents", jdbc.sql(ERASE_CONSENTS).param("now", now).param("phones", phoneKeys).update());
            removed.put("bookings", jdbc.sql(DELETE_BOOKINGS).param("sessions", sessionKeys).param("phones", phoneKeys).update());
            removed.put("tickets", jdbc.sql(DELETE_TICKETS).param("sessions", sessionKeys).param("phones", phoneKeys).update());
            int payloads = 0;
            for (String table : PAYLOAD_TABLES) {
                payloads += jdbc.sql(BLANK_PAYLOADS_OF_CALLS.formatted(table)).param("sessions", sessionKeys)
                        .param("conversations", conversations.isEmpty() ? List.of("") : conversations).update();
            }
            int rejects = 0;
            for (String phone : phones) {
                String digits = phone.substring(1);
                for (String table : PAYLOAD_TABLES) {
                    payloads += jdbc.sql(BLANK_PAYLOADS_NAMING.formatted(table)).param("json", "%+" + digits + "%")
                            .param("form", "%%2B" + digits + "%").update();
                }
                rejects += jdbc.sql(DELETE_REJECTS).param("digits", "%" + digits.substring(Math.max(0, digits.length() - 10)) + "%").update();
                rejects += redactRejectReports(digits.substring(Math.max(0, digits.length() - 10)));
            }
            removed.put("payloads", payloads);
            removed.put("import_rejects", rejects);
            jdbc.sql(LOG).param("kind", subject.name().toLowerCase(java.util.Locale.ROOT)).param("hash", sha256(key))
                    .param("hint", subject == Subject.PHONE ? PhoneNumbers.mask(key) : key.length() + " characters")
                    .param("by", requestedBy.strip()).param("reason", reason.strip())
                    .param("removed", new Result(removed, phones, sessions).describe()).param("now", now).update();
            return new Result(removed, phones, sessions);
        });
    }

    /** Drops the lines of stored reject reports that name the number (its last ten digits, however it was written). */
    private int redactRejectReports(String lastDigits) {
        int lines = 0;
        for (Map<String, Object> row : jdbc.sql(REJECT_REPORTS).param("digits", "%" + lastDigits + "%").query().listOfRows()) {
            String csv = (String) row.get("rejects_csv");
            List<String> kept = csv.lines().filter(line -> !line.replaceAll("[^0-9]", "").contains(lastDigits)).toList();
            lines += (int) csv.lines().count() - kept.size();
            jdbc.sql(UPDATE_REJECT_REPORT).param("csv", String.join("\n", kept) + "\n").param("id", row.get("id")).update();
        }
        return lines;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
