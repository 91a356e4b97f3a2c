package sa.navaia.dialer.schedule;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;

/**
 * Quartz's MySQL tables keep booleans in VARCHAR(1) columns. MySQL turns the stock delegate's
 * {@code setBoolean} into "1"/"0"; H2 writes "TRUE"/"FALSE" and fails ("Value too long for column
 * is_durable"). This delegate writes "1"/"0" itself; use it on H2 only.
 */
public class H2QuartzDelegate extends StdJDBCDelegate {

    @Override
    protected void setBoolean(PreparedStatement ps, int index, boolean value) throws SQLException {
        ps.setString(index, value ? "1" : "0");
    }
}
