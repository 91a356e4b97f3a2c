package sa.navaia.dialer.config;

/**
 * The local Twilio- and ElevenLabs-compatible sandbox: where it listens, the seed of its random call
 * model, how much faster than real time calls play out, its simulated API latency, its account CPS
 * limit, and how often it duplicates and reorders status callbacks.
 */
public record SandboxSettings(
        int port,
        long seed,
        double timeScale,
        int apiLatencyMillis,
        double accountCallsPerSecond,
        double duplicateCallbackRate,
        double reorderCallbackRate) {

    /** The account SID and token the sandbox accepts; they never reach Twilio. */
    public static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    public static final String AUTH_TOKEN = "sandbox-auth-token";
    public static final String WEBHOOK_SECRET = "sandbox-elevenlabs-secret";
    /** The {@code xi-api-key} the sandbox's ElevenLabs API accepts (register-call, conversations). */
    public static final String ELEVENLABS_API_KEY = "sandbox-elevenlabs-api-key";
    /** The secret the sandbox's agent sends with its personalisation webhook requests. */
    public static final String PERSONALIZATION_SECRET = "sandbox-personalization-secret";
}
