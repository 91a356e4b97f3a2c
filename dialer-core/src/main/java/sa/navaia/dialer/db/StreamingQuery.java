package sa.navaia.dialer.db;

import java.sql.DatabaseMetaData;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * A query whose rows are handed over one at a time as the database sends them, for exports of any size. MySQL's driver
 * otherwise reads a whole result into memory before the first row: told a fetch size of {@link Integer#MIN_VALUE}, it
 * streams instead (the connection serves nothing else until the last row is read). H2 reads {@value #H2_FETCH} rows at
 * a time and keeps large results on disk.
 */
public final class StreamingQuery {

    private static final int H2_FETCH = 1_000;

    private StreamingQuery() {
    }

    public static void forEachRow(DataSource dataSource, String sql, Map<String, ?> params, RowCallbackHandler each) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(isMySql(dataSource) ? Integer.MIN_VALUE : H2_FETCH);
        new NamedParameterJdbcTemplate(template).query(sql, params, each);
    }

    private static boolean isMySql(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return product.contains("MySQL") || product.contains("MariaDB");
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database this is: " + e.getMessage(), e);
        }
    }
}
