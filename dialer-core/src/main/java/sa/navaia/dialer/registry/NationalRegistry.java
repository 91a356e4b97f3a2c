package sa.navaia.dialer.registry;

import java.io.BufferedReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.registry.RegistryFile.IntList;
import sa.navaia.dialer.registry.RegistryFile.Kind;

/**
 * The National Do Not Call Registry as imported from the FTC's data files ({@link RegistryFile}), area code by area
 * code. The FTC hands a seller one file per area code (or state) it subscribed to, so a full list replaces only the
 * area codes it holds; a change list adds and removes numbers in the area codes it names, each of which must have had
 * a full list first. Every area code keeps the date of the last import that covered it, and a number is checked
 * against its own area code's data and date: that date must be no older than 31 days before a call
 * (16 CFR 310.4(b)(3)(iv); {@code RegistryStatus.stale}), and an area code never imported has none.
 * <p>
 * Lookups keep a small map of area code to date, asked of the database at most every {@link #REFRESH}, and load an
 * area code's numbers ({@link AreaCodeNumbers}) once, until a newer import of that area code replaces them.
 */
public final class NationalRegistry {

    public static final Duration REFRESH = Duration.ofMinutes(1);

    private static final String AREA_CODE_DATES = """
            SELECT a.area_code, a.snapshot_id, a.count, s.snapshot_date
            FROM registry_area_codes a JOIN registry_snapshots s ON s.id = a.snapshot_id""";
    private static final String AREA_CODE = """
            SELECT a.numbers, a.snapshot_id, s.snapshot_date
            FROM registry_area_codes a JOIN registry_snapshots s ON s.id = a.snapshot_id
            WHERE a.area_code = :areaCode""";
    private static final String IMPORTED_AREA_CODES = "SELECT area_code FROM registry_area_codes";
    private static final String DELETE_AREA_CODE = "DELETE FROM registry_area_codes WHERE area_code = :areaCode";
    private static final String INSERT_AREA_CODE = """
            INSERT INTO registry_area_codes (area_code, numbers, count, snapshot_id, updated_at)
            VALUES (:areaCode, :numbers, :count, :snapshotId, :now)""";
    private static final String INSERT_SNAPSHOT = """
            INSERT INTO registry_snapshots (snapshot_date, kind, file_name, lines_read, numbers_added, numbers_removed,
                                            rejected, imported_by, imported_at)
            VALUES (:date, :kind, :file, 0, 0, 0, 0, :by, :now)""";
    private static final String FINISH_SNAPSHOT = """
            UPDATE registry_snapshots SET lines_read = :lines, numbers_added = :added, numbers_removed = :removed
            WHERE id = :id""";

    /** An area code's registry data: the import that last covered it, that import's registry date, how many numbers. */
    public record AreaCode(int areaCode, long snapshotId, LocalDate date, long numbers) {
    }

    /** What an import did: the area codes it covered (their date is now the import's). */
    public record Imported(long snapshotId, long lines, long added, long removed, List<Integer> areaCodes) {
    }

    /**
     * A US number against its area code's registry data: the area code, the date of that data (none: the area code
     * was never imported), and whether the number is on it.
     */
    public record Check(int areaCode, Optional<LocalDate> snapshotDate, boolean listed) {
    }

    private record Loaded(long snapshotId, LocalDate date, AreaCodeNumbers numbers) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Map<Integer, Loaded> loaded = new ConcurrentHashMap<>();
    private volatile Map<Integer, AreaCode> areaCodes = Map.of();
    private volatile Instant checkedAt = Instant.MIN;

    public NationalRegistry(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    /** Looks a US number (+1 and ten digits) up in its area code's data. */
    public Check check(String e164) {
        if (!e164.startsWith("+1") || e164.length() != 12) {
            throw new IllegalArgumentException(e164 + " is not a US number (+1 and ten digits); the registry holds only US numbers.");
        }
        int areaCode = Integer.parseInt(e164.substring(2, 5));
        int subscriber = Integer.parseInt(e164.substring(5));
        AreaCode covered = areaCodes().get(areaCode);
        if (covered == null) {
            return new Check(areaCode, Optional.empty(), false);
        }
        Loaded held = loaded.get(areaCode);
        if (held == null || held.snapshotId() != covered.snapshotId()) {
            held = loaded.compute(areaCode, (code, old) -> old != null && old.snapshotId() == covered.snapshotId()
                    ? old : load(code).orElse(null));
        }
        return held == null ? new Check(areaCode, Optional.empty(), false)
                : new Check(areaCode, Optional.of(held.date()), held.numbers().contains(subscriber));
    }

    /** Every imported area code with its date, asked of the database at most every {@link #REFRESH}. */
    public Map<Integer, AreaCode> areaCodes() {
        Instant now = clock.instant();
        if (now.isBefore(checkedAt.plus(REFRESH))) {
            return areaCodes;
        }
        synchronized (this) {
            if (now.isBefore(checkedAt.plus(REFRESH))) {
                return areaCodes;
            }
            areaCodes = jdbc.sql(AREA_CODE_DATES).query((rs, row) -> new AreaCode(rs.getInt("area_code"),
                    rs.getLong("snapshot_id"), rs.getObject("snapshot_date", LocalDate.class), rs.getLong("count")))
                    .list().stream().collect(Collectors.toUnmodifiableMap(AreaCode::areaCode, Function.identity()));
            checkedAt = now;
            return areaCodes;
        }
    }

    /** The area code whose data is oldest: the first to go stale; empty when nothing was imported. */
    public Optional<AreaCode> oldest() {
        return areaCodes().values().stream().min(Comparator.comparing(AreaCode::date).thenComparing(AreaCode::areaCode));
    }

    public long size() {
        return areaCodes().values().stream().mapToLong(AreaCode::numbers).sum();
    }

    /** Imports a full list: it replaces the area codes it holds, and only those. */
    public Imported importFull(BufferedReader reader, String fileName, LocalDate snapshotDate, String by, LongConsumer progress) {
        RegistryFile.Contents contents = RegistryFile.read(reader, Kind.FULL, progress);
        List<Integer> covered = contents.areaCodes();
        return store(Kind.FULL, fileName, snapshotDate, by, contents, covered, (snapshotId, now) -> {
            long added = 0;
            for (int areaCode : covered) {
                AreaCodeNumbers numbers = AreaCodeNumbers.of(contents.adds[areaCode].values, contents.adds[areaCode].size);
                contents.adds[areaCode] = null;
                replace(areaCode, numbers, snapshotId, now);
                added += numbers.size();
            }
            return new long[] {added, 0};
        });
    }

    /** Imports a change list: its additions and deletions applied to the area codes it names. */
    public Imported importChanges(BufferedReader reader, String fileName, LocalDate snapshotDate, String by, LongConsumer progress) {
        RegistryFile.Contents contents = RegistryFile.read(reader, Kind.CHANGE, progress);
        List<Integer> covered = contents.areaCodes();
        return store(Kind.CHANGE, fileName, snapshotDate, by, contents, covered, (snapshotId, now) -> {
            long added = 0;
            long removed = 0;
            Set<Integer> imported = jdbc.sql(IMPORTED_AREA_CODES).query(Integer.class).set();
            List<Integer> withoutFullList = covered.stream().filter(code -> !imported.contains(code)).toList();
            if (!withoutFullList.isEmpty()) {
                throw new RegistryFile.Unreadable("The change list was not imported: it changes area code(s) "
                        + withoutFullList.stream().map(String::valueOf).collect(Collectors.joining(", "))
                        + ", which no full list was imported for; a change list only updates a full list. Import the"
                        + " full list of those area codes first.", 0);
            }
            for (int areaCode : covered) {
                IntList adds = contents.adds[areaCode];
                IntList removes = contents.removes[areaCode];
                AreaCodeNumbers before = load(areaCode).orElseThrow().numbers();
                AreaCodeNumbers after = before.change(adds == null ? new int[0] : adds.values, adds == null ? 0 : adds.size,
                        removes == null ? new int[0] : removes.values, removes == null ? 0 : removes.size);
                replace(areaCode, after, snapshotId, now);
                added += Math.max(0, after.size() - before.size());
                removed += Math.max(0, before.size() - after.size());
            }
            return new long[] {added, removed};
        });
    }

    private interface Apply {
        long[] apply(long snapshotId, Object now);
    }

    private Imported store(Kind kind, String fileName, LocalDate snapshotDate, String by, RegistryFile.Contents contents,
                           List<Integer> covered, Apply apply) {
        Imported imported = transaction.execute(status -> {
            Object now = SqlTime.utc(clock.instant());
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql(INSERT_SNAPSHOT).param("date", snapshotDate).param("kind", kind.code()).param("file", fileName)
                    .param("by", by).param("now", now).update(keys, "id");
            long snapshotId = keys.getKey().longValue();
            long[] counts = apply.apply(snapshotId, now);
            jdbc.sql(FINISH_SNAPSHOT).param("lines", contents.lines).param("added", counts[0]).param("removed", counts[1])
                    .param("id", snapshotId).update();
            return new Imported(snapshotId, contents.lines, counts[0], counts[1], covered);
        });
        checkedAt = Instant.MIN;
        return imported;
    }

    /** Stores an area code's numbers as of this import; an area code left with no number keeps its row and date. */
    private void replace(int areaCode, AreaCodeNumbers numbers, long snapshotId, Object now) {
        jdbc.sql(DELETE_AREA_CODE).param("areaCode", areaCode).update();
        jdbc.sql(INSERT_AREA_CODE).param("areaCode", areaCode).param("numbers", numbers.toBytes())
                .param("count", numbers.size()).param("snapshotId", snapshotId).param("now", now).update();
    }

    private Optional<Loaded> load(int areaCode) {
        return jdbc.sql(AREA_CODE).param("areaCode", areaCode).query((rs, row) -> new Loaded(rs.getLong("snapshot_id"),
                rs.getObject("snapshot_date", LocalDate.class), AreaCodeNumbers.fromBytes(rs.getBytes("numbers")))).optional();
    }
}
