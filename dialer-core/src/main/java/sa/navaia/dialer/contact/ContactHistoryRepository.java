package sa.navaia.dialer.contact;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;

/**
 * A contact as a campaign manager or compliance officer looks them up (by number or customer id) and
 * everything that happened to them: each attempt and skip with its rule, the call's outcome, the agent's
 * summary and the intent, and the bookings and tickets the calls made.
 */
public final class ContactHistoryRepository {

    public record ContactSummary(long id, long campaignId, String phoneE164, String customerId, String name, String status,
                                 int attemptsMade, String finalOutcome) {
    }

    /**
     * One attempt or skip. {@code identificationMessage} is what the person heard when no agent took the call, and
     * {@code keyPressOptOutAt} when they pressed the opt-out key after it.
     */
    public record AttemptLine(long id, Instant decidedAt, String decision, String reasonCode, String reasonDetail,
                              String status, String outcome, String sessionId, String intent, String summary,
                              String identificationMessage, Instant keyPressOptOutAt) {
    }

    public record Booking(long id, String bookingDate, String bookingTime, String service, Instant createdAt) {
    }

    public record Ticket(long id, String category, String priority, String description, Instant createdAt) {
    }

    public record History(ContactSummary contact, List<AttemptLine> attempts, List<Booking> bookings, List<Ticket> tickets) {
    }

    private static final String FIND = """
            SELECT id, campaign_id, phone_e164, customer_id, name, status, attempts_made, final_outcome FROM contacts
             WHERE phone_e164 = :phone OR customer_id = :customerId ORDER BY id LIMIT 100""";
    private static final String BY_ID = """
            SELECT id, campaign_id, phone_e164, customer_id, name, status, attempts_made, final_outcome FROM contacts
             WHERE id = :id""";
    private static final String ATTEMPTS = """
            SELECT a.id, a.decided_at, a.decision, a.reason_code, a.reason_detail, a.status, a.outcome, a.session_id,
                   vs.extracted_intent, vs.summary, a.identification_message, a.key_press_opt_out_at
              FROM call_attempts a LEFT JOIN voice_sessions vs ON vs.id = a.session_id
             WHERE a.contact_id = :contactId ORDER BY a.decided_at, a.id""";
    private static final String BOOKINGS = """
            SELECT id, booking_date, booking_time, service, created_at FROM bookings WHERE contact_id = :contactId ORDER BY id""";
    private static final String TICKETS = """
            SELECT id, category, priority, description, created_at FROM tickets WHERE contact_id = :contactId ORDER BY id""";

    private final JdbcClient jdbc;

    public ContactHistoryRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Contacts with this E.164 number or this customer id, in every campaign. */
    public List<ContactSummary> find(String phoneE164, String customerId) {
        return jdbc.sql(FIND).param("phone", phoneE164 == null ? "" : phoneE164)
                .param("customerId", customerId == null ? "" : customerId).query(ContactSummary.class).list();
    }

    public Optional<History> history(long contactId) {
        return jdbc.sql(BY_ID).param("id", contactId).query(ContactSummary.class).optional().map(contact -> new History(contact,
                jdbc.sql(ATTEMPTS).param("contactId", contactId).query((rs, row) -> new AttemptLine(rs.getLong("id"),
                        SqlTime.instant(rs, "decided_at"), rs.getString("decision"), rs.getString("reason_code"),
                        rs.getString("reason_detail"), rs.getString("status"), rs.getString("outcome"),
                        rs.getString("session_id"), rs.getString("extracted_intent"), rs.getString("summary"),
                        rs.getString("identification_message"), SqlTime.instant(rs, "key_press_opt_out_at"))).list(),
                jdbc.sql(BOOKINGS).param("contactId", contactId).query((rs, row) -> new Booking(rs.getLong("id"),
                        rs.getString("booking_date"), rs.getString("booking_time"), rs.getString("service"),
                        SqlTime.instant(rs, "created_at"))).list(),
                jdbc.sql(TICKETS).param("contactId", contactId).query((rs, row) -> new Ticket(rs.getLong("id"),
                        rs.getString("category"), rs.getString("priority"), rs.getString("description"),
                        SqlTime.instant(rs, "created_at"))).list()));
    }
}
