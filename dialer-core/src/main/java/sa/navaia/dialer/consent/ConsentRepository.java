package sa.navaia.dialer.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.DoNotCallScope;

/**
 * Consents in {@code consents}. A revocation takes effect at once: the number's consents are marked revoked and the
 * number goes on the system do-not-call list in the same transaction, so no campaign and no API call reaches it again.
 */
public final class ConsentRepository {

    private static final String INSERT = """
            INSERT INTO consents (phone_e164, customer_id, basis, source, captured_at, text_version, capture_method,
                                  recorded_by, recorded_at)
            VALUES (:phone, :customerId, :basis, :source, :capturedAt, :textVersion, :method, :recordedBy, :now)""";
    private static final String INSERT_ROWS = """
            INSERT INTO consents (phone_e164, customer_id, basis, source, captured_at, text_version, capture_method,
                                  recorded_by, recorded_at)
            VALUES :rows""";
    /** The consents already on record among a batch's numbers, to keep a list imported twice from recording them twice. */
    private static final String ON_RECORD = """
            SELECT phone_e164, basis, source, captured_at, text_version FROM consents
             WHERE phone_e164 IN (:phones) AND revoked_at IS NULL""";
    private static final String ACTIVE = """
            SELECT * FROM consents WHERE phone_e164 = :phone AND revoked_at IS NULL ORDER BY captured_at DESC, id DESC""";
    private static final String ALL = "SELECT * FROM consents WHERE phone_e164 = :phone ORDER BY captured_at, id";
    private static final String REVOKE = """
            UPDATE consents SET revoked_at = :now, revocation_source = :source WHERE phone_e164 = :phone AND revoked_at IS NULL""";

    /** What a new consent says; validated here so every way in (CLI, API) gives the same sentences. */
    public record NewConsent(String phoneE164, String customerId, Consent.Basis basis, String source, Instant capturedAt,
                             String textVersion, String captureMethod, String recordedBy) {
        public NewConsent {
            require(source, "source", "where it was given, e.g. \"web form acme.com/signup\"");
            require(textVersion, "text version", "the disclosure's text or its version, e.g. tcpa-2026-03");
            require(captureMethod, "capture method", "how it was captured: web_form, paper, call_recording, email, api");
            require(recordedBy, "recorded by", "who records it");
            if (capturedAt == null) {
                throw new IllegalArgumentException("A consent needs the time it was given (captured at), e.g. 2026-11-20T14:03:00Z.");
            }
        }

        private static void require(String value, String name, String example) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("A consent needs its " + name + ": " + example + ".");
            }
        }
    }

    private final JdbcClient jdbc;
    private final DoNotCallRepository doNotCall;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public ConsentRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.doNotCall = new DoNotCallRepository(dataSource, clock);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    public void record(NewConsent consent) {
        jdbc.sql(INSERT).param("phone", consent.phoneE164()).param("customerId", consent.customerId())
                .param("basis", consent.basis().code()).param("source", consent.source().strip())
                .param("capturedAt", SqlTime.utc(consent.capturedAt())).param("textVersion", consent.textVersion().strip())
                .param("method", consent.captureMethod().strip()).param("recordedBy", consent.recordedBy().strip())
                .param("now", SqlTime.utc(clock.instant())).update();
    }

    /**
     * Records many consents at once (a contact list's), leaving out those already on record and not revoked (same
     * number, basis, source, time and text version): importing a person into a second campaign adds no second consent.
     * Runs in the caller's transaction when there is one. How many it recorded.
     */
    public int recordAll(List<NewConsent> consents) {
        if (consents.isEmpty()) {
            return 0;
        }
        java.util.Set<List<Object>> known = new java.util.HashSet<>();
        jdbc.sql(ON_RECORD).param("phones", consents.stream().map(NewConsent::phoneE164).distinct().toList())
                .query(rs -> {
                    known.add(List.of(rs.getString("phone_e164"), rs.getString("basis"), rs.getString("source"),
                            SqlTime.instant(rs, "captured_at"), rs.getString("text_version")));
                });
        Object now = SqlTime.utc(clock.instant());
        List<Object[]> rows = new java.util.ArrayList<>();
        for (NewConsent c : consents) {
            if (known.add(List.of(c.phoneE164(), c.basis().code(), c.source().strip(),
                    c.capturedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), c.textVersion().strip()))) {
                rows.add(new Object[] {c.phoneE164(), c.customerId(), c.basis().code(), c.source().strip(),
                        SqlTime.utc(c.capturedAt()), c.textVersion().strip(), c.captureMethod().strip(), c.recordedBy().strip(), now});
            }
        }
        for (int from = 0; from < rows.size(); from += 100) {
            jdbc.sql(INSERT_ROWS).param("rows", rows.subList(from, Math.min(rows.size(), from + 100))).update();
        }
        return rows.size();
    }

    /** The number's newest consent not revoked. */
    public Optional<Consent> active(String phoneE164) {
        return jdbc.sql(ACTIVE).param("phone", phoneE164).query(ConsentRepository::map).list().stream().findFirst();
    }

    /** Every consent of the number, revoked ones included, oldest first. */
    public List<Consent> history(String phoneE164) {
        return jdbc.sql(ALL).param("phone", phoneE164).query(ConsentRepository::map).list();
    }

    /** Revokes the number's consents and lists it on the system do-not-call list; how many consents it revoked. */
    public int revoke(String phoneE164, String how, String by) {
        if (how == null || how.isBlank()) {
            throw new IllegalArgumentException("Say how the person revoked consent (--source), e.g. \"phone call 2026-11-24\", \"email\", \"sms STOP\".");
        }
        Integer revoked = transaction.execute(status -> {
            int count = jdbc.sql(REVOKE).param("now", SqlTime.utc(clock.instant())).param("source", how.strip())
                    .param("phone", phoneE164).update();
            doNotCall.add(phoneE164, DoNotCallScope.SYSTEM, "consent-revoked", "Consent revoked: " + how.strip(), null, by);
            return count;
        });
        return revoked == null ? 0 : revoked;
    }

    private static Consent map(ResultSet rs, int row) throws SQLException {
        return new Consent(rs.getLong("id"), rs.getString("phone_e164"), Optional.ofNullable(rs.getString("customer_id")),
                Consent.Basis.of(rs.getString("basis")), rs.getString("source"), SqlTime.instant(rs, "captured_at"),
                rs.getString("text_version"), rs.getString("capture_method"), rs.getString("recorded_by"),
                SqlTime.instant(rs, "recorded_at"), Optional.ofNullable(SqlTime.instant(rs, "revoked_at")),
                Optional.ofNullable(rs.getString("revocation_source")));
    }
}
