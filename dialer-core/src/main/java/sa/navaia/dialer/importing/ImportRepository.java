package sa.navaia.dialer.importing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import sa.navaia.dialer.db.SqlTime;

/**
 * Imports of CSV lists ({@code imports}) and their rejected rows ({@code import_rejects}). A file is
 * known by its SHA-256 within a campaign (constraint {@code uk_imports_campaign_checksum}), which makes
 * importing the same file twice a no-op; a rejected row is known by its import and line
 * ({@code uk_import_rejects_line}), which makes recording it twice a no-op.
 */
public final class ImportRepository {

    private static final String INSERT = """
            INSERT INTO imports (campaign_id, file_name, checksum, status, message, started_at)
            VALUES (:campaignId, :fileName, :checksum, :status, :message, :now)""";
    private static final String SELECT = """
            SELECT id, campaign_id, file_name, checksum, status, rows_read, imported, rejected, suppressed,
                   duplicates, message, started_at, finished_at
              FROM imports""";
    private static final String RESTART = """
            UPDATE imports SET status = 'running', file_name = :fileName, finished_at = NULL WHERE id = :id""";
    private static final String FINISH = """
            UPDATE imports
               SET status = :status, rows_read = :rowsRead, imported = :imported, rejected = :rejected,
                   suppressed = :suppressed, duplicates = :duplicates, message = :message,
                   rejects_csv = :rejectsCsv, finished_at = :now
             WHERE id = :id""";
    private static final String FAIL = """
            UPDATE imports SET status = 'failed', message = :message, finished_at = :now WHERE id = :id""";
    private static final String REJECTS_CSV = "SELECT rejects_csv FROM imports WHERE id = :id";
    private static final String INSERT_REJECT = """
            INSERT INTO import_rejects (import_id, line_number, reason_code, reason, raw_values)
            VALUES (:importId, :lineNumber, :reasonCode, :reason, :rawValues)""";
    private static final String REJECTS = """
            SELECT import_id, line_number, reason_code, reason, raw_values FROM import_rejects
             WHERE import_id = :importId ORDER BY line_number""";
    private static final String REJECT_COUNTS = """
            SELECT reason_code, COUNT(*) AS n FROM import_rejects WHERE import_id = :importId GROUP BY reason_code""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;

    public ImportRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.named = new NamedParameterJdbcTemplate(dataSource);
        this.clock = clock;
    }

    /**
     * Records the start of an import; when this file was seen in this campaign before, returns that
     * import unchanged instead (the caller decides: report it, or resume it).
     */
    public ImportRecord start(long campaignId, String fileName, String checksum) {
        return insert(campaignId, fileName, checksum, ImportStatus.RUNNING, null);
    }

    /** Records a file that was refused as a whole, with the sentence that says why. */
    public ImportRecord refuse(long campaignId, String fileName, String checksum, String message) {
        return insert(campaignId, fileName, checksum, ImportStatus.REFUSED, message);
    }

    private ImportRecord insert(long campaignId, String fileName, String checksum, ImportStatus status, String message) {
        KeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql(INSERT).param("campaignId", campaignId).param("fileName", truncate(fileName, 500))
                    .param("checksum", checksum).param("status", status.code()).param("message", message)
                    .param("now", SqlTime.utc(clock.instant())).update(keys, "id");
        } catch (DuplicateKeyException seenBefore) {
            return findByChecksum(campaignId, checksum).orElseThrow(() -> seenBefore);
        }
        return findById(keys.getKey().longValue()).orElseThrow();
    }

    /** Marks a failed or abandoned import running again (its job resumes where it stopped). */
    public void restart(long id, String fileName) {
        jdbc.sql(RESTART).param("id", id).param("fileName", truncate(fileName, 500)).update();
    }

    /** Ends an import with its counts, a summary sentence and the rejects report as written. */
    public void finish(long id, ImportStatus status, ImportCounts counts, String message, String rejectsCsv) {
        jdbc.sql(FINISH).param("id", id).param("status", status.code())
                .param("rowsRead", counts.rowsRead()).param("imported", counts.imported())
                .param("rejected", counts.rejected()).param("suppressed", counts.suppressed())
                .param("duplicates", counts.duplicates()).param("message", truncate(message, 2000))
                .param("rejectsCsv", rejectsCsv).param("now", SqlTime.utc(clock.instant())).update();
    }

    /** Marks an import failed part-way, with the sentence that says why; importing the file again resumes it. */
    public void fail(long id, String message) {
        jdbc.sql(FAIL).param("id", id).param("message", truncate(message, 2000))
                .param("now", SqlTime.utc(clock.instant())).update();
    }

    public Optional<ImportRecord> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(ImportRepository::map).optional();
    }

    public Optional<ImportRecord> findByChecksum(long campaignId, String checksum) {
        return jdbc.sql(SELECT + " WHERE campaign_id = :campaignId AND checksum = :checksum")
                .param("campaignId", campaignId).param("checksum", checksum).query(ImportRepository::map).optional();
    }

    public Optional<String> rejectsCsv(long id) {
        return jdbc.sql(REJECTS_CSV).param("id", id).query(String.class).optional();
    }

    /**
     * Records rejected rows in one batch. A row recorded before (same import and line, e.g. by a chunk
     * that is being repeated) is left as it was: the batch falls back to row by row and skips it.
     */
    public void recordRejects(List<RejectedRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        SqlParameterSource[] batch = rows.stream().map(ImportRepository::params).toArray(SqlParameterSource[]::new);
        try {
            named.batchUpdate(INSERT_REJECT, batch);
        } catch (DuplicateKeyException recordedBefore) {
            for (SqlParameterSource row : batch) {
                try {
                    named.update(INSERT_REJECT, row);
                } catch (DuplicateKeyException alreadyThere) {
                    // the same import and line: recorded by an earlier attempt of this chunk
                }
            }
        }
    }

    /** Every rejected row of an import in line order, streamed (never all in memory). */
    public void forEachReject(long importId, Consumer<RejectedRow> consumer) {
        jdbc.sql(REJECTS).param("importId", importId).query((RowCallbackHandler) rs -> consumer.accept(
                new RejectedRow(rs.getLong("import_id"), rs.getLong("line_number"), rs.getString("reason_code"),
                        rs.getString("reason"), rs.getString("raw_values"))));
    }

    /** An import's rejected rows counted by reason code. */
    public Map<String, Long> rejectCounts(long importId) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql(REJECT_COUNTS).param("importId", importId)
                .query((RowCallbackHandler) rs -> counts.put(rs.getString("reason_code"), rs.getLong("n")));
        return counts;
    }

    private static MapSqlParameterSource params(RejectedRow row) {
        return new MapSqlParameterSource()
                .addValue("importId", row.importId())
                .addValue("lineNumber", row.lineNumber())
                .addValue("reasonCode", row.reasonCode())
                .addValue("reason", truncate(row.reason(), 1000))
                .addValue("rawValues", row.rawValues());
    }

    private static ImportRecord map(ResultSet rs, int row) throws SQLException {
        return new ImportRecord(
                rs.getLong("id"),
                rs.getLong("campaign_id"),
                rs.getString("file_name"),
                rs.getString("checksum").strip(),
                ImportStatus.fromCode(rs.getString("status")),
                new ImportCounts(rs.getLong("rows_read"), rs.getLong("imported"), rs.getLong("rejected"),
                        rs.getLong("suppressed"), rs.getLong("duplicates")),
                Optional.ofNullable(rs.getString("message")),
                SqlTime.instant(rs, "started_at"),
                Optional.ofNullable(SqlTime.instant(rs, "finished_at")));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
