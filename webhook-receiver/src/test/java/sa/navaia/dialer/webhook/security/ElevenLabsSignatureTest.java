package sa.navaia.dialer.webhook.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import sa.navaia.dialer.webhook.security.ElevenLabsSignature.Verdict;

class ElevenLabsSignatureTest {

    private static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");
    private static final byte[] BODY = "{\"type\":\"post_call_transcription\"}".getBytes(StandardCharsets.UTF_8);
    private final ElevenLabsSignature signature = new ElevenLabsSignature("whsec_test");

    @Test
    void signsTheTimestampDotBodyWithHmacSha256() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("whsec_test".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((NOW.getEpochSecond() + "." + new String(BODY, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(signature.sign(BODY, NOW)).isEqualTo("t=" + NOW.getEpochSecond() + ",v0=" + expected);
    }

    @Test
    void acceptsAFreshSignatureAndRefusesOldTamperedAndMalformedOnes() {
        assertThat(signature.verify(signature.sign(BODY, NOW.minusSeconds(60)), BODY, NOW)).isEqualTo(Verdict.VALID);
        assertThat(signature.verify(signature.sign(BODY, NOW.minus(Duration.ofMinutes(31))), BODY, NOW)).isEqualTo(Verdict.EXPIRED);
        assertThat(signature.verify(signature.sign(BODY, NOW.plus(Duration.ofMinutes(10))), BODY, NOW)).isEqualTo(Verdict.EXPIRED);
        assertThat(signature.verify(signature.sign(BODY, NOW), "{}".getBytes(StandardCharsets.UTF_8), NOW)).isEqualTo(Verdict.MISMATCH);
        assertThat(new ElevenLabsSignature("other").verify(signature.sign(BODY, NOW), BODY, NOW)).isEqualTo(Verdict.MISMATCH);
        assertThat(signature.verify("v0=abcd", BODY, NOW)).isEqualTo(Verdict.MALFORMED);
        assertThat(signature.verify("t=1,v0=not-hex", BODY, NOW.with(x -> Instant.ofEpochSecond(1)))).isEqualTo(Verdict.MALFORMED);
    }
}
