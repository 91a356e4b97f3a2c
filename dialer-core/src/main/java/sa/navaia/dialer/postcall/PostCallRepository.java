package sa.navaia.dialer.postcall;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.session.VoiceSession;

/** What a reconciled conversation writes: the session's and call's conversation record, and one booking or ticket. */
public final class PostCallRepository {

    private static final String CONVERSATION_OF_SESSION = """
            UPDATE voice_sessions SET conversation_id = :cid, transcript = :transcript, summary = :summary,
                   call_successful = :successful, data_collection = :collection, cost = COALESCE(:cost, cost),
                   extracted_intent = :intent, duration_secs = COALESCE(duration_secs, :duration), updated_at = :now
             WHERE id = :id""";
    private static final String CONVERSATION_OF_CALL = """
            UPDATE calls SET conversation_id = :cid, duration_secs = COALESCE(duration_secs, :duration), updated_at = :now
             WHERE session_id = :id""";
    private static final String INSERT_BOOKING = """
            INSERT INTO bookings (conversation_id, session_id, campaign_id, contact_id, customer_id, customer_phone,
                                  booking_date, booking_time, service, details, created_at)
            VALUES (:cid, :sessionId, :campaignId, :contactId, :customerId, :phone, :date, :time, :service, :details, :now)""";
    private static final String INSERT_TICKET = """
            INSERT INTO tickets (conversation_id, session_id, campaign_id, contact_id, customer_id, customer_phone,
                                 category, priority, description, created_at)
            VALUES (:cid, :sessionId, :campaignId, :contactId, :customerId, :phone, :category, :priority, :description, :now)""";

    private final JdbcClient jdbc;
    private final Clock clock;

    public PostCallRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    public void recordConversation(String sessionId, PostCallPayload payload, String intent) {
        Object now = SqlTime.utc(clock.instant());
        Integer duration = payload.callDurationSecs().orElse(null);
        jdbc.sql(CONVERSATION_OF_SESSION).param("cid", payload.conversationId())
                .param("transcript", payload.transcriptJson()).param("summary", payload.summary().orElse(null))
                .param("successful", payload.callSuccessful().orElse(null))
                .param("collection", payload.dataCollectionJson()).param("cost", payload.cost().orElse(null))
                .param("intent", intent).param("duration", duration).param("now", now).param("id", sessionId).update();
        jdbc.sql(CONVERSATION_OF_CALL).param("cid", payload.conversationId()).param("duration", duration)
                .param("now", now).param("id", sessionId).update();
    }

    /** One booking per conversation: false when this conversation has one already. */
    public boolean createBooking(VoiceSession session, PostCallPayload payload) {
        var collected = payload.dataCollection();
        try {
            return jdbc.sql(INSERT_BOOKING).param("cid", payload.conversationId()).param("sessionId", session.id())
                    .param("campaignId", session.campaignId().orElse(null))
                    .param("contactId", session.contactId().orElse(null))
                    .param("customerId", session.customerId().orElse(null)).param("phone", session.customerPhone())
                    .param("date", first(collected, "booking_date", "date"))
                    .param("time", first(collected, "booking_time", "time"))
                    .param("service", first(collected, "service", "booking_service"))
                    .param("details", payload.dataCollectionJson()).param("now", SqlTime.utc(clock.instant()))
                    .update() == 1;
        } catch (DuplicateKeyException alreadyBooked) {
            return false;
        }
    }

    /** One ticket per conversation: false when this conversation has one already. */
    public boolean createTicket(VoiceSession session, PostCallPayload payload) {
        var collected = payload.dataCollection();
        try {
            return jdbc.sql(INSERT_TICKET).param("cid", payload.conversationId()).param("sessionId", session.id())
                    .param("campaignId", session.campaignId().orElse(null))
                    .param("contactId", session.contactId().orElse(null))
                    .param("customerId", session.customerId().orElse(null)).param("phone", session.customerPhone())
                    .param("category", first(collected, "category", "issue_category"))
                    .param("priority", first(collected, "priority"))
                    .param("description", payload.summary().orElse(first(collected, "issue", "description")))
                    .param("now", SqlTime.utc(clock.instant())).update() == 1;
        } catch (DuplicateKeyException alreadyOpened) {
            return false;
        }
    }

    private static String first(java.util.Map<String, String> values, String... keys) {
        for (String key : keys) {
            String value = values.get(key);
            if (value != null && !value.isBlank()) {
                return value.length() > 200 ? value.substring(0, 200) : value;
            }
        }
        return null;
    }
}
