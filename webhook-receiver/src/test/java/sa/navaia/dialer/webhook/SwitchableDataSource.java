package sa.navaia.dialer.webhook;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A DataSource a test can take down: while down, every connection request fails as an outage would. */
public final class SwitchableDataSource implements DataSource {

    private final DataSource delegate;
    private volatile boolean down;
    private volatile long slowMillis;

    public SwitchableDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    /** While set, every connection request first waits this long, as a database that hangs would make it. */
    public void setSlow(java.time.Duration delay) {
        this.slowMillis = delay.toMillis();
    }

    private void check() throws SQLException {
        long slow = slowMillis;
        if (slow > 0) {
            try {
                Thread.sleep(slow); // stands for a database that does not answer; the code under test must not wait for it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while the database was slow", "08S01", e);
            }
        }
        if (down) {
            throw new SQLException("Simulated outage: the database is down", "08S01");
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        check();
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        check();
        return delegate.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
