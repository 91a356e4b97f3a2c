package sa.navaia.dialer.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The bucket operations {@link TokenGate} needs, so a backend can wrap them (retry on deadlock). */
interface BucketOperations {

    ConsumptionProbe tryConsumeAndReturnRemaining(long tokens);

    /**
     * Books the bucket's next token, the one after every token already booked, if it refills within
     * {@code maxWait}: when the booking took place on the bucket's clock, and how long after that the token
     * is this caller's (zero: then). The bucket goes negative by the tokens booked ahead, so every later try
     * or booking waits behind them. Empty: nothing was booked.
     */
    Optional<Reservation> reserve(Duration maxWait);

    /**
     * Like {@link #reserve(Duration)}, with the bucket's clock at {@code instant}: the token is taken as of
     * that instant (a free token is taken at it, and the next one refills one period after it), and the
     * wait is counted from it. Correct only while no booking of the bucket was made as of a later instant.
     */
    Optional<Reservation> reserveAsOf(Duration maxWait, Instant instant);

    /** A booked token: the bucket's clock when it was booked, and the delay from then until it is due. */
    record Reservation(Instant read, Duration delay) {

        Instant due() {
            return read.plus(delay);
        }
    }

    static BucketOperations of(Bucket bucket, ClockTimeMeter meter) {
        return new BucketOperations() {
            @Override
            public ConsumptionProbe tryConsumeAndReturnRemaining(long tokens) {
                return bucket.tryConsumeAndReturnRemaining(tokens);
            }

            @Override
            public Optional<Reservation> reserve(Duration maxWait) {
                return reserveOn(bucket, meter, maxWait);
            }

            @Override
            public Optional<Reservation> reserveAsOf(Duration maxWait, Instant instant) {
                return meter.asOf(instant, () -> reserveOn(bucket, meter, maxWait));
            }
        };
    }

    /**
     * Bucket4j's blocking consume books the token in one operation (one transaction for a database
     * bucket) and then parks for the wait; the strategy here records the wait instead of parking, so
     * the gate waits on its own {@link Sleeper} (tests move virtual time). The booking's instant is the
     * latest the bucket read from {@code meter} during it.
     */
    static Optional<Reservation> reserveOn(Bucket bucket, ClockTimeMeter meter, Duration maxWait) {
        long[] wait = {0};
        ClockTimeMeter.Reading<Boolean> booked = meter.reading(() ->
                bucket.asBlocking().tryConsumeUninterruptibly(1, maxWait.toNanos(), nanos -> wait[0] = nanos));
        if (!booked.result()) {
            return Optional.empty();
        }
        if (booked.latest() == null) {
            throw new IllegalStateException("The bucket did not read its clock while booking a token");
        }
        return Optional.of(new Reservation(booked.latest(), Duration.ofNanos(wait[0])));
    }
}
