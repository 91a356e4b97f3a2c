package sa.navaia.dialer.ratelimit;

import sa.navaia.dialer.config.DialingSettings;

/**
 * Account-wide rates, in calls per second: for the whole account and for each caller-ID number; and the
 * share of every configured rate (these two and each campaign's) the buckets run at.
 */
public record RateLimits(double accountCps, double numberCps, double headroom) {

    /**
     * Every bucket runs at 99.5% of its configured rate. A grant can come a little after its token, and a
     * request reaches Twilio a little after its grant, not always by the same little; at exactly the rate,
     * a late first call and an on-time 51st would put rate + 1 calls into one second. 0.5% leaves 5 ms in
     * every 50 calls for such differences (and lets a worker whose grants fell behind catch up without
     * ever bringing 51 of them into one second), while the pace stays above 99% of the rate.
     */
    public static final double HEADROOM = 0.995;

    public RateLimits {
        BucketKey.requireRate(accountCps, "The account's calls per second");
        BucketKey.requireRate(numberCps, "The calls per second of one caller-ID number");
        if (!(headroom > 0 && headroom <= 1)) {
            throw new IllegalArgumentException("The rate headroom is a share of the rate, above 0 and at most 1; got " + headroom + ".");
        }
    }

    /** The account's and each caller ID's rates, with the buckets at {@link #HEADROOM} of every rate. */
    public RateLimits(double accountCps, double numberCps) {
        this(accountCps, numberCps, HEADROOM);
    }

    public static RateLimits from(DialingSettings settings) {
        return new RateLimits(settings.accountCallsPerSecond(), settings.numberCallsPerSecond());
    }
}
