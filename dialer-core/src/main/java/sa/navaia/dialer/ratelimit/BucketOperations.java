package sa.navaia.dialer.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/** The two bucket operations {@link TokenGate} needs, so a backend can wrap them (retry on deadlock). */
interface BucketOperations {

    ConsumptionProbe tryConsumeAndReturnRemaining(long tokens);

    /**
     * Books the bucket's next token, the one after every token already booked, if it refills within
     * {@code maxWait}: the answer is how long from now until it is this caller's (zero: now). The bucket
     * goes negative by the tokens booked ahead, so every later try or booking waits behind them. Empty:
     * nothing was booked.
     */
    Optional<Duration> reserve(Duration maxWait);

    static BucketOperations of(Bucket bucket) {
        return new BucketOperations() {
            @Override
            public ConsumptionProbe tryConsumeAndReturnRemaining(long tokens) {
                return bucket.tryConsumeAndReturnRemaining(tokens);
            }

            @Override
            public Optional<Duration> reserve(Duration maxWait) {
                return reserveOn(bucket, maxWait);
            }
        };
    }

    /**
     * Bucket4j's blocking consume books the token in one operation (one transaction for a database
     * bucket) and then parks for the wait; the strategy here records the wait instead of parking, so
     * the gate waits on its own {@link Sleeper} (tests move virtual time).
     */
    static Optional<Duration> reserveOn(Bucket bucket, Duration maxWait) {
        long[] wait = {0};
        boolean booked = bucket.asBlocking().tryConsumeUninterruptibly(1, maxWait.toNanos(), nanos -> wait[0] = nanos);
        return booked ? Optional.of(Duration.ofNanos(wait[0])) : Optional.empty();
    }
}
