package sa.navaia.dialer.config;

/**
 * How the dialer reaches the carrier. In sandbox mode the real Twilio SDK talks to the local
 * Twilio-compatible sandbox on loopback; in live mode it talks to Twilio. The code path is the same.
 */
public enum Mode {
    SANDBOX,
    LIVE
}
