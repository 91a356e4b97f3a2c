package sa.navaia.dialer.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * One record of the receiver's journal ({@code DIALER_JOURNAL_DIR}): {@code <crc32> <json>}, the JSON holding everything
 * a {@link NewInboxMessage} holds and when it was journaled. Here, not in the receiver, because {@code erase} rewrites
 * journal records too.
 */
public final class JournalLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalLines() {
    }

    /** The line for a payload, newline included. */
    public static String line(NewInboxMessage message, long journaledAtMillis) {
        ObjectNode json = JSON.createObjectNode();
        json.put("journaled_at", journaledAtMillis);
        json.put("source", message.source());
        json.put("event_type", message.eventType());
        json.put("dedupe_key", message.dedupeKey());
        json.put("session_id", message.sessionId());
        json.put("call_sid", message.callSid());
        json.put("conversation_id", message.conversationId());
        json.put("request_path", message.requestPath());
        json.put("content_type", message.contentType());
        json.put("body", message.body());
        return sealed(json);
    }

    /** The payload of one line, or null when its checksum or its JSON does not hold (a write cut short by a crash). */
    public static NewInboxMessage parse(String line) {
        ObjectNode json = json(line);
        return json == null ? null : new NewInboxMessage(text(json, "source"), text(json, "event_type"),
                text(json, "dedupe_key"), text(json, "session_id"), text(json, "call_sid"), text(json, "conversation_id"),
                text(json, "request_path"), text(json, "content_type"), text(json, "body"));
    }

    /** The same record with its body replaced by {@code {}} (as {@code erase} blanks stored payloads), sealed anew. */
    public static String withBlankBody(String line) {
        ObjectNode json = json(line);
        if (json == null) {
            throw new IllegalArgumentException("Not a journal record");
        }
        json.put("body", "{}");
        return sealed(json);
    }

    private static ObjectNode json(String line) {
        int space = line.indexOf(' ');
        if (space != 8 || !line.substring(0, space).equals(crc(line.substring(space + 1)))) {
            return null;
        }
        try {
            return JSON.readTree(line.substring(space + 1)) instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String sealed(ObjectNode json) {
        String text = json.toString();
        return crc(text) + " " + text + "\n";
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
