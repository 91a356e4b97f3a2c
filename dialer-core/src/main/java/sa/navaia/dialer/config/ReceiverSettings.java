package sa.navaia.dialer.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * The webhook receiver: where it listens, the public URL Twilio and ElevenLabs call ({@code API_URL}),
 * the HS256 secret of {@code /api/calls/initiate}'s bearer tokens, its abuse limits, the proxies whose
 * {@code X-Forwarded-For} it believes, and the folder of its journal.
 */
public record ReceiverSettings(
        int port,
        URI apiUrl,
        String jwtSecret,
        int maxBodyBytes,
        int requestsPerSecondPerSource,
        TrustedProxies trustedProxies,
        Path journalDir,
        int agentDialTimeoutSeconds) {

    @Override
    public String toString() {
        return "ReceiverSettings[port=" + port + ", apiUrl=" + apiUrl + ", jwtSecret=***, maxBodyBytes="
                + maxBodyBytes + ", requestsPerSecondPerSource=" + requestsPerSecondPerSource + ", trustedProxies="
                + trustedProxies + ", journalDir=" + journalDir + ", agentDialTimeoutSeconds=" + agentDialTimeoutSeconds + "]";
    }
}
