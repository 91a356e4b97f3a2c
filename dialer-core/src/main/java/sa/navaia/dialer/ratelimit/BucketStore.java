package sa.navaia.dialer.ratelimit;

import java.util.function.Function;
import java.util.function.Supplier;

/** Where a limiter's buckets live: the operations of each bucket, and how several bookings are made as one. */
@FunctionalInterface
interface BucketStore extends Function<BucketKey, BucketOperations> {

    /**
     * Makes {@code bookings} (operations of several buckets) as one: database buckets in one transaction, so
     * that a call's other buckets cost one commit, not one each, and none of them is booked if one fails. In
     * this process's own buckets, each operation is atomic on its own and nothing more is needed.
     */
    default <T> T together(Supplier<T> bookings) {
        return bookings.get();
    }
}
