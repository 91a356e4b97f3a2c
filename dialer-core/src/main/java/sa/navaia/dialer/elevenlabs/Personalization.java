package sa.navaia.dialer.elevenlabs;

/**
 * ElevenLabs' Twilio personalisation webhook ("conversation initiation client data"): when a call reaches an
 * agent's imported Twilio number, ElevenLabs POSTs {@code {caller_id, agent_id, called_number, call_sid}} to the
 * URL configured in its agents settings and starts the conversation with the answer. ElevenLabs authenticates it
 * only with secrets the workspace sends as request headers; the dialer expects its secret in {@link #SECRET_HEADER}.
 */
public final class Personalization {

    /** The header to configure in ElevenLabs' webhook settings, with {@code DIALER_PERSONALIZATION_SECRET} as its value. */
    public static final String SECRET_HEADER = "X-Dialer-Secret";
    /** The answer's {@code type}. */
    public static final String ANSWER_TYPE = "conversation_initiation_client_data";
    /** Where the receiver serves it, below {@code API_URL}. */
    public static final String PATH = "/api/elevenlabs/personalization";

    private Personalization() {
    }
}
