package sa.navaia.dialer.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says once, loudly, whether this process talks to Twilio or to the local sandbox. */
public final class ModeBanner {

    private static final Logger log = LoggerFactory.getLogger(ModeBanner.class);

    private ModeBanner() {
    }

    public static String describe(DialerSettings settings) {
        return switch (settings.mode()) {
            case LIVE -> "LIVE MODE: calls go to Twilio (" + settings.twilio().apiOrigin() + ") from "
                    + settings.twilio().phoneNumber() + "; real people will be called.";
            case SANDBOX -> "SANDBOX MODE: no Twilio credentials, calls go to the local sandbox at "
                    + settings.twilio().apiOrigin() + "; nobody is really called.";
        };
    }

    public static void log(DialerSettings settings) {
        log.warn("*** {} ***", describe(settings));
    }
}
