package sa.navaia.dialer.config;

import java.net.URI;

/**
 * Credentials and numbers for the Twilio REST API. {@code apiOrigin} is {@code https://api.twilio.com}
 * in live mode and the sandbox's loopback origin in sandbox mode.
 */
public record TwilioSettings(String accountSid, String authToken, String phoneNumber, URI apiOrigin) {

    public static final URI LIVE_ORIGIN = URI.create("https://api.twilio.com");

    @Override
    public String toString() {
        return "TwilioSettings[accountSid=" + accountSid + ", authToken=***, phoneNumber=" + phoneNumber
                + ", apiOrigin=" + apiOrigin + "]";
    }
}
