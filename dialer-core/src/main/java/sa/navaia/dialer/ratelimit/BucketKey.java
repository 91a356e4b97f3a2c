package sa.navaia.dialer.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One token bucket: a name such as {@code number:+19383362295}, {@code campaign:42} or {@code account},
 * its rate (the configured rate times the headroom, see {@link RateLimits#HEADROOM}) and that headroom.
 *
 * <p>The row id in {@code rate_limit_buckets} is the first 8 bytes of SHA-256 of {@code name@rate}, so
 * every process derives the same id without coordination, and a change of rate starts a fresh bucket
 * (the old row expires). 64 bits make a collision between the few thousand live keys negligible.
 *
 * <p>The bucket holds at most one token and refills it greedily every {@code 1/rate} seconds (rounded up
 * to the nanosecond). With capacity N and a refill of N per second, a full bucket could grant N at the
 * end of one second and N more at the start of the next: 2N in a sliding second. With capacity one,
 * two grants are always at least {@code 1/rate} apart, so any half-open second holds at most
 * {@code rate} grants.
 */
record BucketKey(String name, double rate, double headroom) {

    /**
     * The buckets of one call, in the order {@link TokenGate} takes them: the lowest rate first, since it
     * binds (its tokens are booked ahead, the others' when it is due); among equal
     * rates the most shared first (account, campaign, caller ID), since more calls compete for it.
     */
    static List<BucketKey> forCall(RateLimits limits, String callerId, long campaignId, double campaignCps) {
        requireRate(campaignCps, "The calls per second of campaign " + campaignId);
        if (callerId == null || callerId.isBlank()) {
            throw new IllegalArgumentException("A caller-ID number (the From number) is required to take a call token.");
        }
        double headroom = limits.headroom();
        return Stream.of(new BucketKey("account", limits.accountCps() * headroom, headroom),
                        new BucketKey("campaign:" + campaignId, campaignCps * headroom, headroom),
                        new BucketKey("number:" + callerId.strip(), limits.numberCps() * headroom, headroom))
                .sorted(Comparator.comparingDouble(BucketKey::rate))
                .toList();
    }

    static void requireRate(double rate, String what) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(what + " must be a positive number, e.g. 1 or 0.5; got " + rate + ".");
        }
    }

    Duration refillPeriod() {
        return Duration.ofNanos((long) Math.ceil(1_000_000_000d / rate));
    }

    /** One period of the configured rate (the bucket's rate before the headroom): the least gap between two grants of one process. */
    Duration grantSpacing() {
        return Duration.ofNanos((long) Math.ceil(1_000_000_000d * headroom / rate));
    }

    /**
     * How late after its tokens a grant may still go: the slack the headroom leaves in a second,
     * {@code (1 - headroom) / headroom} seconds (5 ms at 99.5%), at least 1 ms. Tokens booked one bucket
     * period apart, each sent within this of its instant, never put more than the configured rate into any
     * second, whichever processes send them: the instants of the calls sent in one second then lie within
     * {@code 1 + (1 - headroom) / headroom} seconds, which is {@code rate} bucket periods.
     */
    Duration lateGrantAllowance() {
        return Duration.ofNanos(Math.max(1_000_000L, (long) Math.floor(1_000_000_000d * (1 - headroom) / headroom)));
    }

    BucketConfiguration configuration() {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, refillPeriod()).build())
                .build();
    }

    long id() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((name + "@" + String.format(Locale.ROOT, "%s", rate)).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
