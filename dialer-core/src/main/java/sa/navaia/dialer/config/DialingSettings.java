package sa.navaia.dialer.config;

/**
 * Account-wide dialing limits: calls per second for the whole Twilio account and per caller-ID number
 * (Twilio's default is 1), how many API calls may be in flight at once, and whether US numbers must be checked against
 * the National Do Not Call Registry (required in live mode by default).
 */
public record DialingSettings(double accountCallsPerSecond, double numberCallsPerSecond, int placerThreads,
                              boolean nationalRegistryRequired) {
}
