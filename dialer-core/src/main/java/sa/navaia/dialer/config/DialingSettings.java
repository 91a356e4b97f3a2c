package sa.navaia.dialer.config;

/**
 * Account-wide dialing limits: calls per second for the whole Twilio account and per caller-ID number
 * (Twilio's default is 1), and how many API calls may be in flight at once.
 */
public record DialingSettings(double accountCallsPerSecond, double numberCallsPerSecond, int placerThreads) {
}
