package sa.navaia.dialer.config;

import java.net.URI;
import sa.navaia.dialer.agent.Agents;

/**
 * ElevenLabs: the agents campaigns can name, the secret that signs its post-call webhooks, the secret it sends with
 * its personalisation webhook, and its API (register-call agents). {@code phoneNumber} is the seed's
 * {@code ELEVENLABS_PHONE_NUMBER}: the first agent's number. In sandbox mode the secrets default to the sandbox's own,
 * so they are verified there too.
 */
public record ElevenLabsSettings(
        String phoneNumber,
        String webhookSecret,
        Agents agents,
        String personalizationSecret,
        String apiKey,
        URI apiUrl) {

    public static final URI LIVE_API_ORIGIN = URI.create("https://api.elevenlabs.io");

    @Override
    public String toString() {
        return "ElevenLabsSettings[phoneNumber=" + phoneNumber + ", webhookSecret=***, agents=" + agents
                + ", personalizationSecret=***, apiKey=***, apiUrl=" + apiUrl + "]";
    }
}
