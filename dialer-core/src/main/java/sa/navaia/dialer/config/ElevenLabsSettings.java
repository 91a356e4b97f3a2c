package sa.navaia.dialer.config;

/**
 * The agent's phone number (where Twilio forwards answered calls) and the secret that signs
 * ElevenLabs' post-call webhooks. In sandbox mode the secret defaults to the sandbox's own, so
 * signatures are verified there too.
 */
public record ElevenLabsSettings(String phoneNumber, String webhookSecret) {

    @Override
    public String toString() {
        return "ElevenLabsSettings[phoneNumber=" + phoneNumber + ", webhookSecret=***]";
    }
}
