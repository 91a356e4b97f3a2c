package sa.navaia.dialer.elevenlabs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ElevenLabs' webhook signature: {@code ElevenLabs-Signature: t=<unix seconds>,v0=<hex HMAC-SHA256 of
 * "t.raw_body">}. A signature older than 30 minutes, or more than 30 minutes in the future, is expired.
 */
public final class ElevenLabsSignature {

    public static final String HEADER = "ElevenLabs-Signature";
    public static final Duration TOLERANCE = Duration.ofMinutes(30);

    private ElevenLabsSignature() {
    }

    public static String sign(String secret, long unixSeconds, byte[] rawBody) {
        return "t=" + unixSeconds + ",v0=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, rawBody));
    }

    public static SignatureCheck verify(String secret, String headerValue, byte[] rawBody, Instant now) {
        if (headerValue == null || headerValue.isBlank()) {
            return SignatureCheck.MISSING;
        }
        Long timestamp = null;
        byte[] presented = null;
        for (String part : headerValue.split(",")) {
            String element = part.strip();
            if (element.startsWith("t=")) {
                timestamp = parseLong(element.substring(2));
            } else if (element.startsWith("v0=")) {
                presented = parseHex(element.substring(3));
            }
        }
        if (timestamp == null || presented == null) {
            return SignatureCheck.MALFORMED;
        }
        Duration age = Duration.between(Instant.ofEpochSecond(timestamp), now).abs();
        if (age.compareTo(TOLERANCE) > 0) {
            return SignatureCheck.EXPIRED;
        }
        return MessageDigest.isEqual(hmac(secret, timestamp, rawBody), presented)
                ? SignatureCheck.VALID
                : SignatureCheck.MISMATCH;
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static byte[] parseHex(String text) {
        try {
            return HexFormat.of().parseHex(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hmac(String secret, long unixSeconds, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(rawBody);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
