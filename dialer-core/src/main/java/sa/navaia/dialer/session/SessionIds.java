package sa.navaia.dialer.session;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Session ids in the seed's form, {@code vs_} and 24 hex characters: unguessable, as they appear in webhook URLs. */
public final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    public static String next() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "vs_" + HexFormat.of().formatHex(bytes);
    }

    public static boolean looksValid(String id) {
        return id != null && id.matches("vs_[0-9a-zA-Z_-]{1,60}");
    }
}
