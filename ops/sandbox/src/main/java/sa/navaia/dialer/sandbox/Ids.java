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

    /** A Twilio Media Stream SID: {@code MZ} followed by 32 hexadecimal characters. */
    static String streamSid() {
        return "MZ" + hex(16);
    }

    /** The ElevenLabs id of the phone number imported for an agent, stable for that agent. */
    static String phoneNumberId(String agentId) {
        return "phnum_" + HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(8)
                .putLong(agentId.hashCode() * 0x9E3779B97F4A7C15L).array());
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
