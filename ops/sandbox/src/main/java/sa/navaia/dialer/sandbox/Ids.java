package sa.navaia.dialer.sandbox;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Identifiers in Twilio's and ElevenLabs' formats. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** {@code CA} followed by 32 hexadecimal characters. */
    static String callSid() {
        return "CA" + hex(16);
    }

    static String conversationId() {
        return "conv_" + hex(12);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
