import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import com.opencsv.CSVReader;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The import benchmark's baseline: reads the CSV with opencsv, validates and formats each number with
 * libphonenumber (and looks up its time zones), and batch-inserts the rows into the same contacts table
 * with plain JDBC, 1,000 rows per batch and commit. Nothing else: no job repository, no duplicate or
 * do-not-call checks, no reject report. Prints "rows seconds rows/s".
 *
 *   java -cp 'campaigns/target/lib/*' ops/bench/src/BareImport.java JDBC_URL USER PASSWORD CAMPAIGN_ID FILE
 */
public final class BareImport {
    private static final String INSERT = """
            INSERT INTO contacts (campaign_id, line_number, phone_e164, phone_raw, region_code, customer_id, name,
                                  time_zones, consent, variables, status, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)""";

    public static void main(String[] args) throws Exception {
        long campaign = Long.parseLong(args[3]);
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        PhoneNumberToTimeZonesMapper zones = PhoneNumberToTimeZonesMapper.getInstance();
        long start = System.nanoTime();
        long rows = 0;
        try (Connection db = DriverManager.getConnection(args[0], args[1], args[2]);
             BufferedReader in = Files.newBufferedReader(Path.of(args[4]), StandardCharsets.UTF_8);
             CSVReader csv = new CSVReader(in);
             PreparedStatement insert = db.prepareStatement(INSERT)) {
            db.setAutoCommit(false);
            String[] header = csv.readNext();
            String[] row;
            long line = 1;
            while ((row = csv.readNext()) != null) {
                line++;
                Phonenumber.PhoneNumber number = util.parse(row[0], "US");
                if (!util.isValidNumber(number)) {
                    continue;
                }
                Timestamp now = Timestamp.from(Instant.now());
                insert.setLong(1, campaign);
                insert.setLong(2, line);
                insert.setString(3, util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
                insert.setString(4, row[0]);
                insert.setString(5, util.getRegionCodeForNumber(number));
                insert.setString(6, row[2]);
                insert.setString(7, row[1]);
                insert.setString(8, String.join(",", zones.getTimeZonesForNumber(number)));
                insert.setBoolean(9, "yes".equals(row[3]));
                insert.setString(10, "{\"" + header[4] + "\":\"" + row[4] + "\",\"" + header[5] + "\":\"" + row[5] + "\"}");
                insert.setTimestamp(11, now);
                insert.setTimestamp(12, now);
                insert.addBatch();
                if (++rows % 1000 == 0) {
                    insert.executeBatch();
                    db.commit();
                }
            }
            insert.executeBatch();
            db.commit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d %.2f %.0f%n", rows, seconds, rows / seconds);
    }
}
