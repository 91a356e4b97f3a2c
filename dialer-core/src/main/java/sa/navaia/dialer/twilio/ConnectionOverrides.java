package sa.navaia.dialer.twilio;

/**
 * Twilio's webhook connection overrides: a URL fragment that tells Twilio how to deliver a voice webhook
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides). Without it Twilio tries once more only
 * when the TCP connection fails, never after an error answer or a read timeout. Every URL we hand Twilio carries
 * {@link #FRAGMENT} ({@code Url}, {@code StatusCallback}, {@code FallbackUrl}, the agent's {@code <Dial action>}), and
 * the receiver's signature check accepts the signature computed over the URL with it and without it (Twilio signs the
 * URL it was given; the fragment never travels in the request line, so the receiver adds it back from here).
 *
 * <ul>
 *   <li>{@code ct=2000}: a TCP connection not made in 2 s (of the documented 100-10000 ms) is retried, so a receiver
 *       that went away is left for the next attempt, or the next receiver behind the balancer, quickly;</li>
 *   <li>{@code rt=8000}: the first byte of the answer within 8 s (100-15000 ms): above the receiver's slowest
 *       legitimate answer (a connect that waits 2 s for the database and 4 s for ElevenLabs' register-call);</li>
 *   <li>{@code tt=15000}: all attempts within 15 s (100-15000 ms, the documented maximum), so a customer waiting for
 *       the connect TwiML does not wait longer than Twilio would anyway before its {@code FallbackUrl};</li>
 *   <li>{@code rc=3}: up to three retries (0-5; the default is 1);</li>
 *   <li>{@code rp=all}: retried after a failed connection, a read timeout, a 4xx or a 5xx (the default is only a
 *       failed connection). Every delivery is idempotent in the receiver (the inbox's dedupe keys), so a retry of a
 *       request that was in fact handled changes nothing.</li>
 * </ul>
 */
public final class ConnectionOverrides {

    /** The one override fragment, with its {@code #}. */
    public static final String FRAGMENT = "#ct=2000&rt=8000&tt=15000&rc=3&rp=all";

    private ConnectionOverrides() {
    }

    /** {@code url} with the override fragment; {@code url} must not carry a fragment of its own. */
    public static String withOverrides(String url) {
        if (url.indexOf('#') >= 0) {
            throw new IllegalArgumentException("The URL already has a fragment: " + url);
        }
        return url + FRAGMENT;
    }
}
