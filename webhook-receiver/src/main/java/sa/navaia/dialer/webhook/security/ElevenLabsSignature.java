package sa.navaia.dialer.webhook.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ElevenLabs' webhook signature, {@code ElevenLabs-Signature: t=<unix>,v0=<hex HMAC-SHA256 of "t.body">}.
 * Kept small on purpose: to be replaced by dialer-core's shared {@code elevenlabs.ElevenLabsSignature}.
 */
public final class ElevenLabsSignature {

    public static final String HEADER = "ElevenLabs-Signature";
    public static final Duration MAX_AGE = Duration.ofMinutes(30);
    /** Clock skew tolerated for a timestamp in the future. */
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);

    /** Why a signature was refused, or {@link #VALID}. */
    public enum Verdict { VALID, MALFORMED, EXPIRED, MISMATCH }

    private final byte[] secret;

    public ElevenLabsSignature(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(byte[] body, Instant at) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v0=" + HexFormat.of().formatHex(hmac(t, body));
    }

    public Verdict verify(String header, byte[] body, Instant now) {
        Long timestamp = null;
        String v0 = null;
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    return Verdict.MALFORMED;
                }
            } else if (pair.length == 2 && pair[0].equals("v0")) {
                v0 = pair[1];
            }
        }
        if (timestamp == null || v0 == null) {
            return Verdict.MALFORMED;
        }
        Instant signedAt = Instant.ofEpochSecond(timestamp);
        if (signedAt.isBefore(now.minus(MAX_AGE)) || signedAt.isAfter(now.plus(MAX_SKEW))) {
            return Verdict.EXPIRED;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(v0.toLowerCase());
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        return MessageDigest.isEqual(hmac(timestamp, body), given) ? Verdict.VALID : Verdict.MISMATCH;
    }

    private byte[] hmac(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
