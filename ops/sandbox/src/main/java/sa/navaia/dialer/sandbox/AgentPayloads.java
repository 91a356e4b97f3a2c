package sa.navaia.dialer.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * ElevenLabs' post-call webhook payloads, as the agent would send them for one sandbox call, named, nested and typed
 * as https://elevenlabs.io/docs/eleven-agents/workflows/post-call-webhooks and the SDK's
 * {@code GetConversationResponseModel} (elevenlabs-python {@code src/elevenlabs/types/}) show. The test fixtures in
 * {@code src/test/resources/elevenlabs/} hold the same shapes.
 */
final class AgentPayloads {

    /**
     * The MP3 bitrate of {@code full_audio}. No source states it; assumed 128 kbit/s, the bitrate of ElevenLabs'
     * default output format {@code mp3_44100_128}, the largest a receiver is likely to get.
     */
    static final int AUDIO_BYTES_PER_SECOND = 128_000 / 8;
    private static final DateTimeFormatter HUMAN_TIME =
            DateTimeFormatter.ofPattern("EEEE, HH:mm dd MMMM yyyy", Locale.ENGLISH);

    /**
     * The agent's first line: the {@code first_message} override with its {@code {{var}}} placeholders filled in, or
     * the sandbox agent's own greeting, which names {@code customer_name} when it was given.
     *
     * @throws ClientData.Refused when the first message or prompt needs a variable the agent was not given
     */
    String greeting(AgentSession session, String conversationId, Instant now) throws ClientData.Refused {
        Map<String, Object> variables = dynamicVariables(session, conversationId, 0, now);
        ClientData data = session.clientData();
        if (data.prompt() != null) {
            ClientData.substitute(data.prompt(), variables);
        }
        if (data.firstMessage() != null) {
            return ClientData.substitute(data.firstMessage(), variables);
        }
        Object name = variables.get("customer_name");
        return name == null ? "Hello! This is the virtual assistant. How can I help you today?"
                : "Hello " + name + "! This is the virtual assistant. How can I help you today?";
    }

    /**
     * The {@code system__} variables ElevenLabs gives an inbound Twilio call, then exactly the variables the agent was
     * given (personalisation answer or register-call), none invented.
     */
    static Map<String, Object> dynamicVariables(AgentSession session, String conversationId, int durationSeconds,
                                                Instant time) {
        boolean inbound = "inbound".equals(session.direction());
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("system__agent_id", session.agent().id());
        variables.put("system__current_agent_id", session.agent().id());
        variables.put("system__caller_id", inbound ? session.externalNumber() : session.agentNumber());
        variables.put("system__called_number", inbound ? session.agentNumber() : session.externalNumber());
        variables.put("system__call_duration_secs", durationSeconds);
        variables.put("system__time_utc", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atOffset(ZoneOffset.UTC)));
        variables.put("system__time", HUMAN_TIME.format(time.atZone(ZoneOffset.UTC)));
        variables.put("system__timezone", "UTC");
        variables.put("system__conversation_id", conversationId);
        variables.put("system__call_sid", session.callSid());
        variables.putAll(session.clientData().dynamicVariables());
        return variables;
    }

    Map<String, Object> transcription(SimulatedCall call, Instant now) {
        LedgerEntry entry = call.snapshot();
        AgentSession session = call.agentSession();
        boolean voicemail = call.plan().outcome().isMachine();
        Conversation conversation = call.plan().conversation();
        int talkSeconds = entry.durationSeconds();
        String greeting;
        try {
            greeting = greeting(session, entry.conversationId(), now);
        } catch (ClientData.Refused e) {
            throw new IllegalStateException("The greeting was checked when the conversation started", e);
        }
        List<String[]> lines = voicemail ? voicemailLines() : lines(conversation, greeting);

        List<Map<String, Object>> transcript = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            transcript.add(turn(lines.get(i)[0], lines.get(i)[1],
                    (int) ((long) talkSeconds * i / Math.max(1, lines.size()))));
        }

        Map<String, Object> phoneCall = new LinkedHashMap<>();
        phoneCall.put("direction", session.direction());
        phoneCall.put("phone_number_id", Ids.phoneNumberId(session.agent().id()));
        phoneCall.put("agent_number", session.agentNumber());
        phoneCall.put("external_number", session.externalNumber());
        phoneCall.put("type", "twilio");
        phoneCall.put("stream_sid", session.streamSid());
        phoneCall.put("call_sid", session.callSid());

        long endUnix = (entry.endedAt() != null ? entry.endedAt() : now).getEpochSecond();
        long startUnix = endUnix - talkSeconds;
        Map<String, Object> deletion = new LinkedHashMap<>();
        deletion.put("deletion_time_unix_secs", null);
        deletion.put("deleted_logs_at_time_unix_secs", null);
        deletion.put("deleted_audio_at_time_unix_secs", null);
        deletion.put("deleted_transcript_at_time_unix_secs", null);
        deletion.put("delete_transcript_and_pii", false);
        deletion.put("delete_audio", false);
        Map<String, Object> feedback = new LinkedHashMap<>();
        feedback.put("overall_score", null);
        feedback.put("likes", 0);
        feedback.put("dislikes", 0);
        Map<String, Object> featuresUsage = new LinkedHashMap<>();
        for (String feature : List.of("language_detection", "transfer_to_agent", "transfer_to_number", "multivoice",
                "dtmf_tones", "external_mcp_servers", "tool_dynamic_variable_updates", "voicemail_detection")) {
            featuresUsage.put(feature, featureStatus());
        }
        featuresUsage.put("pii_zrm_workspace", false);
        featuresUsage.put("pii_zrm_agent", false);
        featuresUsage.put("is_livekit", false);

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("start_time_unix_secs", startUnix);
        metadata.put("accepted_time_unix_secs", startUnix);
        metadata.put("call_duration_secs", talkSeconds);
        metadata.put("cost", talkSeconds * 10);
        metadata.put("deletion_settings", deletion);
        metadata.put("feedback", feedback);
        metadata.put("authorization_method", "signed_url");
        metadata.put("charging", Map.of("dev_discount", false));
        // Register-call numbers are never imported into ElevenLabs; whether it fills phone_call for them is not
        // documented, so the harsher answer: it does not (the dialer must match those calls by conversation id).
        metadata.put("phone_call", AgentSession.REGISTER_CALL.equals(session.source()) ? null : phoneCall);
        metadata.put("batch_call", null);
        metadata.put("termination_reason", conversation == Conversation.OPT_OUT || voicemail
                ? "end_call tool was called." : "Call ended by remote party");
        metadata.put("error", null);
        metadata.put("main_language", session.clientData().language() != null ? session.clientData().language() : "en");
        metadata.put("rag_usage", null);
        metadata.put("text_only", false);
        metadata.put("features_usage", featuresUsage);
        metadata.put("eleven_assistant", Map.of("is_eleven_assistant", false));
        metadata.put("initiator_id", null);
        metadata.put("conversation_initiation_source", "twilio");
        metadata.put("conversation_initiation_source_version", null);
        metadata.put("timezone", "UTC");

        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("evaluation_criteria_results", Map.of("goal_achieved", Map.of(
                "criteria_id", "goal_achieved",
                "result", voicemail ? "failure" : callSuccessful(conversation),
                "rationale", "Sandbox conversation " + conversation.name().toLowerCase() + ".")));
        analysis.put("data_collection_results", voicemail
                ? Map.of("intent", dataCollection("intent", "none", "string", "Voicemail, nobody spoke."))
                : dataCollection(conversation, now));
        analysis.put("call_successful", voicemail ? "failure" : callSuccessful(conversation));
        analysis.put("transcript_summary", voicemail ? "The call reached a voicemail greeting; no message was left."
                : summary(conversation));
        analysis.put("call_summary_title", voicemail ? "Voicemail" : title(conversation));

        ClientData data = session.clientData();
        Map<String, Object> sourceInfo = new LinkedHashMap<>();
        sourceInfo.put("source", data.sourceInfo() != null ? data.sourceInfo().get("source") : null);
        sourceInfo.put("version", data.sourceInfo() != null ? data.sourceInfo().get("version") : null);
        Map<String, Object> clientData = new LinkedHashMap<>();
        clientData.put("conversation_config_override", data.overrideJson());
        clientData.put("custom_llm_extra_body", data.customLlmExtraBody() != null ? data.customLlmExtraBody() : Map.of());
        clientData.put("user_id", data.userId());
        clientData.put("source_info", sourceInfo);
        clientData.put("dynamic_variables", dynamicVariables(session, entry.conversationId(), talkSeconds,
                Instant.ofEpochSecond(startUnix)));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_id", session.agent().id());
        body.put("conversation_id", entry.conversationId());
        body.put("status", "done");
        body.put("user_id", data.userId());
        body.put("transcript", transcript);
        body.put("metadata", metadata);
        body.put("analysis", analysis);
        body.put("conversation_initiation_client_data", clientData);
        body.put("has_audio", true);
        body.put("has_user_audio", true);
        body.put("has_response_audio", true);
        return envelope("post_call_transcription", now, body);
    }

    /**
     * {@code GET /v1/convai/conversations/{id}}: the SDK's {@code GetConversationResponseModel}, the post-call
     * transcription's {@code data} plus {@code branch_id}, with the conversation's current {@code status}; while it is
     * {@code in-progress} the transcript is empty and there is no analysis yet.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> conversation(SimulatedCall call, Instant now) {
        Map<String, Object> data = (Map<String, Object>) transcription(call, now).get("data");
        Map<String, Object> body = new LinkedHashMap<>();
        String status = call.conversationStatus() == null ? "in-progress" : call.conversationStatus();
        data.forEach((key, value) -> {
            body.put(key, value);
            if (key.equals("user_id")) {
                body.put("branch_id", null);
            }
        });
        body.put("status", status);
        if (status.equals("in-progress")) {
            body.put("transcript", List.of());
            body.put("analysis", null);
        }
        return body;
    }

    /** A registered conversation no call has connected yet: {@code status} {@code initiated}, nothing said. */
    static Map<String, Object> initiated(Registrations.Registration registration) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_id", registration.agent().id());
        body.put("conversation_id", registration.conversationId());
        body.put("status", "initiated");
        body.put("user_id", null);
        body.put("branch_id", null);
        body.put("transcript", List.of());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("start_time_unix_secs", null);
        metadata.put("call_duration_secs", 0);
        body.put("metadata", metadata);
        body.put("analysis", null);
        body.put("conversation_initiation_client_data", null);
        body.put("has_audio", false);
        body.put("has_user_audio", false);
        body.put("has_response_audio", false);
        return body;
    }

    private static Map<String, Object> turn(String role, String message, int timeInCall) {
        Map<String, Object> turn = new LinkedHashMap<>();
        turn.put("role", role);
        turn.put("message", message);
        turn.put("tool_calls", null);
        turn.put("tool_results", null);
        turn.put("feedback", null);
        turn.put("llm_override", null);
        turn.put("time_in_call_secs", timeInCall);
        turn.put("conversation_turn_metrics", null);
        turn.put("rag_retrieval_info", null);
        turn.put("llm_usage", null);
        turn.put("interrupted", false);
        turn.put("original_message", null);
        turn.put("source_medium", "audio");
        return turn;
    }

    private static Map<String, Object> featureStatus() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("enabled", false);
        status.put("used", false);
        return status;
    }

    /**
     * {@code post_call_audio}: only {@code agent_id}, {@code conversation_id} and {@code full_audio}, the base64 of an
     * MP3 as long as the call at {@link #AUDIO_BYTES_PER_SECOND}. The bytes are an ID3 header and pseudo-random
     * frames: not playable, but of a real recording's size.
     */
    Map<String, Object> audio(SimulatedCall call, Instant now) {
        AgentSession session = call.agentSession();
        LedgerEntry entry = call.snapshot();
        int bytes = Math.max(1, entry.durationSeconds()) * AUDIO_BYTES_PER_SECOND;
        byte[] audio = new byte[bytes];
        new SplittableRandom(entry.conversationId().hashCode()).nextBytes(audio);
        byte[] id3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0};
        System.arraycopy(id3, 0, audio, 0, Math.min(id3.length, audio.length));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent_id", session.agent().id());
        data.put("conversation_id", entry.conversationId());
        data.put("full_audio", Base64.getEncoder().encodeToString(audio));
        return envelope("post_call_audio", now, data);
    }

    private static Map<String, Object> envelope(String type, Instant now, Map<String, Object> data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("event_timestamp", now.getEpochSecond());
        payload.put("data", data);
        return payload;
    }

    private static String title(Conversation conversation) {
        return switch (conversation) {
            case BOOKING -> "Consultation booked";
            case SUPPORT_TICKET -> "Connectivity ticket opened";
            case OPT_OUT -> "Opt-out request";
            case NO_INTENT -> "Not interested";
        };
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

    private static List<String[]> lines(Conversation conversation, String opening) {
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
