package sa.navaia.dialer.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.mysql.Bucket4jMySQL;
import io.github.bucket4j.mysql.MySQLSelectForUpdateBasedProxyManager;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The buckets of {@link JdbcCallRateLimiter}: rows of {@code rate_limit_buckets}, through Bucket4j's
 * MySQL select-for-update proxy manager with the table and column names set explicitly and the
 * application's clock as Bucket4j's client clock.
 *
 * <p>Each bucket's row is created ahead of its first use with an {@code INSERT IGNORE} of its own (two
 * processes creating the same row inside Bucket4j's locking transaction can deadlock under REPEATABLE
 * READ), and an operation that still fails with a deadlock or lock timeout is retried a few times.
 * Rows expire ten minutes after their bucket is full again.
 */
final class DatabaseBuckets implements BucketStore {

    static final String TABLE = "rate_limit_buckets";

    /** Creates the row Bucket4j will lock; Bucket4j fills its state on first use. */
    private static final String CREATE_BUCKET_ROW = """
            INSERT IGNORE INTO rate_limit_buckets (id, state) VALUES (?, NULL)""";

    private static final int ATTEMPTS_ON_DEADLOCK = 5;

    private final ClockTimeMeter timeMeter;
    private final BookingTransactions transactions;
    private final MySQLSelectForUpdateBasedProxyManager<Long> proxyManager;
    private final JdbcTemplate jdbc;
    private final Set<Long> createdRows = ConcurrentHashMap.newKeySet();

    DatabaseBuckets(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.timeMeter = new ClockTimeMeter(clock);
        this.transactions = new BookingTransactions(dataSource);
        this.proxyManager = Bucket4jMySQL.selectForUpdateBasedBuilder(transactions)
                .table(TABLE)
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .clientClock(timeMeter)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(10)))
                .build();
    }

    int removeExpired(int batchSize) {
        return proxyManager.removeExpired(batchSize);
    }

    @Override
    public BucketOperations apply(BucketKey key) {
        long id = key.id();
        if (!createdRows.contains(id)) {
            retrying(() -> jdbc.update(CREATE_BUCKET_ROW, id));
            createdRows.add(id);
        }
        BucketConfiguration configuration = key.configuration();
        return new RetryingBucket(BucketOperations.of(proxyManager.getProxy(id, () -> configuration), timeMeter), transactions);
    }

    /**
     * In one transaction, retried whole on deadlock (the operations inside are not retried one by one);
     * one transaction each when a bucket in it had no state yet.
     */
    @Override
    public <T> T together(Supplier<T> bookings) {
        try {
            return retrying(() -> transactions.inOne(bookings));
        } catch (BookingTransactions.RolledBackMidway e) {
            return bookings.get();
        }
    }

    /** Runs a database operation again when the database chose it as a deadlock victim or timed out a lock. */
    static <T> T retrying(Supplier<T> operation) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS_ON_DEADLOCK; attempt++) {
            try {
                return operation.get();
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw new IllegalStateException("The rate-limit table " + TABLE + " stayed locked after " + ATTEMPTS_ON_DEADLOCK
                + " attempts: " + last.getMessage(), last);
    }

    private static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("40") || sql.getSQLState().equals("HYT00"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The gate's operations on a database bucket, each retried on deadlock; inside {@link #together}, the
     * whole transaction is retried instead (a deadlock rolls back the bookings made before in it too).
     */
    private record RetryingBucket(BucketOperations delegate, BookingTransactions transactions) implements BucketOperations {

        @Override
        public ConsumptionProbe tryConsumeAndReturnRemaining(long tokens) {
            return retried(() -> delegate.tryConsumeAndReturnRemaining(tokens));
        }

        @Override
        public Optional<Reservation> reserve(Duration maxWait) {
            return retried(() -> delegate.reserve(maxWait));
        }

        @Override
        public Optional<Reservation> reserveAsOf(Duration maxWait, Instant instant) {
            return retried(() -> delegate.reserveAsOf(maxWait, instant));
        }

        private <T> T retried(Supplier<T> operation) {
            return transactions.isOpen() ? operation.get() : retrying(operation);
        }
    }
}
