package sa.navaia.dialer.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ElevenLabs' post-call webhook payloads, as the agent would send them for one sandbox call. */
final class AgentPayloads {

    private final String agentId;
    private final String agentNumber;

    AgentPayloads(String agentId, String agentNumber) {
        this.agentId = agentId;
        this.agentNumber = agentNumber;
    }

    Map<String, Object> transcription(SimulatedCall call, Instant now) {
        LedgerEntry entry = call.snapshot();
        boolean voicemail = call.plan().outcome() == Outcome.VOICEMAIL;
        Conversation conversation = call.plan().conversation();
        int talkSeconds = entry.durationSeconds();
        List<String[]> lines = voicemail ? voicemailLines() : lines(conversation);

        List<Map<String, Object>> transcript = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> turn = new LinkedHashMap<>();
            turn.put("role", lines.get(i)[0]);
            turn.put("message", lines.get(i)[1]);
            turn.put("time_in_call_secs", (int) ((long) talkSeconds * i / Math.max(1, lines.size())));
            transcript.add(turn);
        }

        Map<String, Object> phoneCall = new LinkedHashMap<>();
        phoneCall.put("direction", "inbound");
        phoneCall.put("agent_number", agentNumber);
        phoneCall.put("external_number", entry.to());
        phoneCall.put("type", "twilio");
        phoneCall.put("call_sid", entry.callSid());

        Map<String, Object> metadata = new LinkedHashMap<>();
        long startUnix = (entry.endedAt() != null ? entry.endedAt() : now).getEpochSecond() - talkSeconds;
        metadata.put("start_time_unix_secs", startUnix);
        metadata.put("call_duration_secs", talkSeconds);
        metadata.put("cost", talkSeconds * 10);
        metadata.put("termination_reason", conversation == Conversation.OPT_OUT || voicemail
                ? "end_call tool was called." : "Call ended by remote party");
        metadata.put("phone_call", phoneCall);

        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("call_successful", voicemail ? "failure" : callSuccessful(conversation));
        analysis.put("transcript_summary", voicemail ? "The call reached a voicemail greeting; no message was left."
                : summary(conversation));
        analysis.put("data_collection_results", voicemail
                ? Map.of("intent", dataCollection("intent", "none", "string", "Voicemail, nobody spoke."))
                : dataCollection(conversation, now));
        analysis.put("evaluation_criteria_results", Map.of("goal_achieved", Map.of(
                "criteria_id", "goal_achieved",
                "result", voicemail ? "failure" : callSuccessful(conversation),
                "rationale", "Sandbox conversation " + conversation.name().toLowerCase() + ".")));

        Map<String, Object> dynamicVariables = new LinkedHashMap<>();
        if (entry.sessionId() != null) {
            dynamicVariables.put("session_id", entry.sessionId());
        }
        dynamicVariables.put("customer_phone", entry.to());
        dynamicVariables.put("system__call_sid", entry.callSid());
        dynamicVariables.put("system__caller_id", entry.to());
        dynamicVariables.put("system__called_number", agentNumber);
        dynamicVariables.put("system__agent_id", agentId);
        dynamicVariables.put("system__conversation_id", entry.conversationId());
        dynamicVariables.put("system__call_duration_secs", talkSeconds);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent_id", agentId);
        data.put("conversation_id", entry.conversationId());
        data.put("status", "done");
        data.put("has_audio", true);
        data.put("has_user_audio", true);
        data.put("has_response_audio", true);
        data.put("transcript", transcript);
        data.put("metadata", metadata);
        data.put("analysis", analysis);
        data.put("conversation_initiation_client_data", Map.of("dynamic_variables", dynamicVariables));
        return envelope("post_call_transcription", now, data);
    }

    Map<String, Object> audio(SimulatedCall call, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent_id", agentId);
        data.put("conversation_id", call.conversationId());
        // Not real MP3: a recognisable placeholder keeps payloads small.
        data.put("full_audio", Base64.getEncoder().encodeToString(("sandbox audio " + call.sid()).getBytes()));
        return envelope("post_call_audio", now, data);
    }

    Map<String, Object> initiationFailure(SimulatedCall call, String conversationId, Instant now) {
        String status = call.status();
        Map<String, Object> twilioBody = new LinkedHashMap<>();
        twilioBody.put("CallSid", call.sid());
        twilioBody.put("CallStatus", status);
        twilioBody.put("To", call.request().to());
        twilioBody.put("From", call.request().from());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent_id", agentId);
        data.put("conversation_id", conversationId);
        data.put("failure_reason", switch (status) {
            case "busy" -> "busy";
            case "no-answer" -> "no-answer";
            default -> "unknown";
        });
        data.put("metadata", Map.of("type", "twilio", "body", twilioBody));
        return envelope("call_initiation_failure", now, data);
    }

    private static Map<String, Object> envelope(String type, Instant now, Map<String, Object> data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("event_timestamp", now.getEpochSecond());
        payload.put("data", data);
        return payload;
    }

    private static String callSuccessful(Conversation conversation) {
        return switch (conversation) {
            case BOOKING, SUPPORT_TICKET, OPT_OUT -> "success";
            case NO_INTENT -> "unknown";
        };
    }

    private static String summary(Conversation conversation) {
        return switch (conversation) {
            case BOOKING -> "The customer booked a consultation.";
            case SUPPORT_TICKET -> "The customer reported that their internet connection keeps dropping; a ticket was opened.";
            case OPT_OUT -> "The customer asked not to be called again.";
            case NO_INTENT -> "The customer was not interested and ended the call.";
        };
    }

    private static List<String[]> voicemailLines() {
        return List.of(
                new String[] {"user", "Hi, you've reached my voicemail. Please leave a message after the tone."},
                new String[] {"agent", "Hello, this is the assistant calling. We will try again later. Goodbye."});
    }

    private static List<String[]> lines(Conversation conversation) {
        String opening = "Hello! This is the virtual assistant. How can I help you today?";
        return switch (conversation) {
            case BOOKING -> List.of(
                    new String[] {"agent", opening},
                    new String[] {"user", "I'd like to book a consultation, please."},
                    new String[] {"agent", "Of course. Would the day after tomorrow at 14:30 work for you?"},
                    new String[] {"user", "Yes, that works."},
                    new String[] {"agent", "Your consultation is booked. Goodbye!"});
            case SUPPORT_TICKET -> List.of(
                    new String[] {"agent", opening},
                    new String[] {"user", "My internet connection keeps dropping every evening."},
                    new String[] {"agent", "I'm sorry to hear that. I've opened a high priority ticket for you."},
                    new String[] {"user", "Thank you."});
            case OPT_OUT -> List.of(
                    new String[] {"agent", opening},
                    new String[] {"user", "Please stop calling me."},
                    new String[] {"agent", "Understood. You will not be called again. Goodbye."});
            case NO_INTENT -> List.of(
                    new String[] {"agent", opening},
                    new String[] {"user", "No thanks, I'm not interested."},
                    new String[] {"agent", "No problem. Have a nice day."});
        };
    }

    private static Map<String, Object> dataCollection(Conversation conversation, Instant now) {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("intent", dataCollection("intent", conversation.intent(), "string",
                "The customer's intent in this conversation."));
        switch (conversation) {
            case BOOKING -> {
                LocalDate date = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(2);
                results.put("booking_date", dataCollection("booking_date", date.toString(), "string",
                        "The customer accepted the day after tomorrow."));
                results.put("booking_time", dataCollection("booking_time", "14:30", "string",
                        "The customer accepted 14:30."));
                results.put("service", dataCollection("service", "consultation", "string",
                        "The customer asked for a consultation."));
            }
            case SUPPORT_TICKET -> {
                results.put("ticket_category", dataCollection("ticket_category", "connectivity", "string",
                        "The connection drops."));
                results.put("ticket_priority", dataCollection("ticket_priority", "high", "string",
                        "It happens every evening."));
                results.put("issue_description", dataCollection("issue_description",
                        "Internet connection keeps dropping every evening.", "string", "As the customer said."));
            }
            case OPT_OUT, NO_INTENT -> {
            }
        }
        return results;
    }

    private static Map<String, Object> dataCollection(String id, String value, String type, String rationale) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data_collection_id", id);
        result.put("value", value);
        result.put("json_schema", Map.of("type", type, "description", id.replace('_', ' ')));
        result.put("rationale", rationale);
        return result;
    }
}
