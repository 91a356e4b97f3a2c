package sa.navaia.dialer.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Twilio's JSON shapes: the call resource, list pages and errors. */
final class TwilioJson {

    static final String API_VERSION = "2010-04-01";
    static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    /** The call's subresources as the current docs list them. */
    private static final String[][] SUBRESOURCES = {
        {"notifications", "Notifications"}, {"recordings", "Recordings"}, {"payments", "Payments"},
        {"events", "Events"}, {"siprec", "Siprec"}, {"streams", "Streams"}, {"transcriptions", "Transcriptions"},
        {"user_defined_message_subscriptions", "UserDefinedMessageSubscriptions"},
        {"user_defined_messages", "UserDefinedMessages"}};

    private TwilioJson() {
    }

    static String rfc2822(Instant instant) {
        return instant == null ? null : RFC_2822.format(instant);
    }

    static String callsUri(String accountSid) {
        return "/" + API_VERSION + "/Accounts/" + accountSid + "/Calls.json";
    }

    static Map<String, Object> call(String accountSid, LedgerEntry entry) {
        String uri = "/" + API_VERSION + "/Accounts/" + accountSid + "/Calls/" + entry.callSid();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sid", entry.callSid());
        json.put("date_created", rfc2822(entry.receivedAt()));
        json.put("date_updated", rfc2822(latest(entry)));
        json.put("parent_call_sid", null);
        json.put("account_sid", accountSid);
        json.put("to", entry.to());
        json.put("to_formatted", entry.to());
        json.put("from", entry.from());
        json.put("from_formatted", entry.from());
        json.put("phone_number_sid", null);
        json.put("status", entry.status());
        json.put("start_time", rfc2822(entry.startedAt()));
        // The docs: end_time is "empty if the call did not complete successfully"; duration is "empty for busy,
        // failed, unanswered, or ongoing calls". The sandbox leaves both null then.
        boolean completed = entry.endedAt() != null && "completed".equals(entry.status());
        json.put("end_time", completed ? rfc2822(entry.endedAt()) : null);
        json.put("duration", completed ? String.valueOf(entry.durationSeconds()) : null);
        json.put("price", null);
        json.put("price_unit", "USD");
        json.put("direction", "outbound-api");
        json.put("answered_by", entry.answeredBy());
        json.put("api_version", API_VERSION);
        json.put("forwarded_from", null);
        json.put("group_sid", null);
        json.put("caller_name", null);
        json.put("queue_time", String.valueOf(entry.queueTimeMillis()));
        json.put("trunk_sid", null);
        json.put("annotation", null);
        json.put("uri", uri + ".json");
        Map<String, Object> subresources = new LinkedHashMap<>();
        for (String[] subresource : SUBRESOURCES) {
            subresources.put(subresource[0], uri + "/" + subresource[1] + ".json");
        }
        json.put("subresource_uris", subresources);
        return json;
    }

    private static Instant latest(LedgerEntry entry) {
        if (entry.endedAt() != null) {
            return entry.endedAt();
        }
        return entry.startedAt() != null ? entry.startedAt() : entry.receivedAt();
    }

    static Map<String, Object> page(List<Map<String, Object>> calls, String listUri, int page, int pageSize,
                                    boolean hasNext, String query) {
        String separator = query.isEmpty() ? "?" : "?" + query + "&";
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("calls", calls);
        json.put("end", page * pageSize + Math.max(0, calls.size() - 1));
        json.put("first_page_uri", listUri + separator + "PageSize=" + pageSize + "&Page=0");
        json.put("next_page_uri", hasNext ? listUri + separator + "PageSize=" + pageSize + "&Page=" + (page + 1) : null);
        json.put("page", page);
        json.put("page_size", pageSize);
        json.put("previous_page_uri",
                page > 0 ? listUri + separator + "PageSize=" + pageSize + "&Page=" + (page - 1) : null);
        json.put("start", page * pageSize);
        json.put("uri", listUri + separator + "PageSize=" + pageSize + "&Page=" + page);
        return json;
    }

    static Map<String, Object> error(int status, int code, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code);
        json.put("message", message);
        json.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        json.put("status", status);
        return json;
    }
}
