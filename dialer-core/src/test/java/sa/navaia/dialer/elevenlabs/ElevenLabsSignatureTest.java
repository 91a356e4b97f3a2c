package sa.navaia.dialer.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElevenLabsSignatureTest {

    private static final String SECRET = "wsec_test";
    private static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");
    private static final byte[] BODY = "{\"type\":\"post_call_transcription\"}".getBytes(StandardCharsets.UTF_8);

    private final String header = ElevenLabsSignature.sign(SECRET, NOW.getEpochSecond(), BODY);

    @Test
    void hasTheDocumentedShape() {
        assertThat(header).matches("t=" + NOW.getEpochSecond() + ",v0=[0-9a-f]{64}");
    }

    @Test
    void acceptsItsOwnSignatureWithinTolerance() {
        assertThat(ElevenLabsSignature.verify(SECRET, header, BODY, NOW)).isEqualTo(SignatureCheck.VALID);
        assertThat(ElevenLabsSignature.verify(SECRET, header, BODY, NOW.plus(Duration.ofMinutes(29))))
                .isEqualTo(SignatureCheck.VALID);
    }

    @Test
    void rejectsTamperedBody() {
        byte[] tampered = "{\"type\":\"post_call_transcriptioN\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(ElevenLabsSignature.verify(SECRET, header, tampered, NOW)).isEqualTo(SignatureCheck.MISMATCH);
    }

    @Test
    void rejectsWrongSecret() {
        assertThat(ElevenLabsSignature.verify("other", header, BODY, NOW)).isEqualTo(SignatureCheck.MISMATCH);
    }

    @Test
    void rejectsOldAndFutureSignatures() {
        assertThat(ElevenLabsSignature.verify(SECRET, header, BODY, NOW.plus(Duration.ofMinutes(31))))
                .isEqualTo(SignatureCheck.EXPIRED);
        assertThat(ElevenLabsSignature.verify(SECRET, header, BODY, NOW.minus(Duration.ofMinutes(31))))
                .isEqualTo(SignatureCheck.EXPIRED);
    }

    @Test
    void reportsMissingHeader() {
        assertThat(ElevenLabsSignature.verify(SECRET, null, BODY, NOW)).isEqualTo(SignatureCheck.MISSING);
        assertThat(ElevenLabsSignature.verify(SECRET, " ", BODY, NOW)).isEqualTo(SignatureCheck.MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "t=abc,v0=00", "t=1,v0=xyz", "v0=00ff", "t=1", "t=1,v0=abc"})
    void reportsMalformedHeaders(String value) {
        assertThat(ElevenLabsSignature.verify(SECRET, value, BODY, NOW)).isEqualTo(SignatureCheck.MALFORMED);
    }
}
