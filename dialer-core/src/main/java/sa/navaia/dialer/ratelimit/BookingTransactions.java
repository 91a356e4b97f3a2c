package sa.navaia.dialer.ratelimit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The data source Bucket4j books through. Inside {@link #inOne}, every connection Bucket4j asks for on this
 * thread is that one transaction's: Bucket4j's own begin, commit and close on it do nothing, so its
 * operations on several buckets commit together at the end, or not at all. Elsewhere the connections are
 * the pool's, one transaction per operation.
 */
final class BookingTransactions extends DelegatingDataSource {

    private final ThreadLocal<Joined> open = new ThreadLocal<>();

    /** The one transaction of {@link #inOne}; {@code rolledBack} when Bucket4j rolled it back midway. */
    private static final class Joined {
        final Connection connection;
        boolean rolledBack;

        Joined(Connection connection) {
            this.connection = connection;
        }
    }

    BookingTransactions(DataSource pool) {
        super(pool);
    }

    /** Whether this thread is inside {@link #inOne}: an operation that fails there is retried with the whole transaction. */
    boolean isOpen() {
        return open.get() != null;
    }

    /**
     * Runs {@code bookings} in one transaction and commits it. Bucket4j rolls back midway when a bucket's
     * row has no state yet (its first use, or after the row expired and was deleted), then initialises
     * it; the bookings made before in the transaction are gone with it, so the transaction is rolled back
     * whole and {@link RolledBackMidway} thrown: run the bookings again, one transaction each.
     */
    <T> T inOne(Supplier<T> bookings) {
        if (isOpen()) {
            return bookings.get();
        }
        try (Connection connection = obtainTargetDataSource().getConnection()) {
            connection.setAutoCommit(false);
            Joined joined = new Joined(connection);
            open.set(joined);
            boolean committed = false;
            try {
                T result = bookings.get();
                if (joined.rolledBack) {
                    throw new RolledBackMidway();
                }
                connection.commit();
                committed = true;
                return result;
            } finally {
                open.remove();
                if (!committed) {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new UncategorizedSQLException("Booking rate-limit tokens in one transaction", null, e);
        }
    }

    /** Bucket4j rolled back the transaction of {@link #inOne} midway; nothing of it was committed. */
    static final class RolledBackMidway extends RuntimeException {
        RolledBackMidway() {
            super("A bucket operation rolled the booking transaction back midway", null, false, false);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Joined joined = open.get();
        return joined == null ? super.getConnection() : joinedConnection(joined);
    }

    private static Connection joinedConnection(Joined joined) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setAutoCommit", "commit", "close" -> {
                            return null;
                        }
                        case "rollback" -> {
                            if (args == null) {
                                joined.rolledBack = true;
                            }
                        }
                        default -> {
                        }
                    }
                    try {
                        return method.invoke(joined.connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
