package sa.navaia.dialer.config;

import java.net.URI;

/**
 * The webhook receiver: where it listens, the public URL Twilio and ElevenLabs call ({@code API_URL}),
 * the HS256 secret of {@code /api/calls/initiate}'s bearer tokens, and its abuse limits.
 */
public record ReceiverSettings(
        int port,
        URI apiUrl,
        String jwtSecret,
        int maxBodyBytes,
        int requestsPerSecondPerSource) {

    @Override
    public String toString() {
        return "ReceiverSettings[port=" + port + ", apiUrl=" + apiUrl + ", jwtSecret=***, maxBodyBytes="
                + maxBodyBytes + ", requestsPerSecondPerSource=" + requestsPerSecondPerSource + "]";
    }
}
