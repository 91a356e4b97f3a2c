package sa.navaia.dialer.ratelimit;

import sa.navaia.dialer.config.DialingSettings;

/** Account-wide rates, in calls per second: for the whole account and for each caller-ID number. */
public record RateLimits(double accountCps, double numberCps) {

    public RateLimits {
        BucketKey.requireRate(accountCps, "The account's calls per second");
        BucketKey.requireRate(numberCps, "The calls per second of one caller-ID number");
    }

    public static RateLimits from(DialingSettings settings) {
        return new RateLimits(settings.accountCallsPerSecond(), settings.numberCallsPerSecond());
    }
}
