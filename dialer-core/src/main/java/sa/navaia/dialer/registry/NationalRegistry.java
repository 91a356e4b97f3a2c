package sa.navaia.dialer.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.db.SqlTime;

/**
 * The National Do Not Call Registry as imported from the FTC's data files ({@link RegistryFile}): a full list replaces
 * every area code; a change list adds and removes numbers in the area codes it names. Lookups load an area code from the
 * database once ({@link AreaCodeNumbers}) and keep it until a newer snapshot is imported; whether a newer one exists is
 * asked at most every {@link #REFRESH}. The registry must be no older than 31 days before a call
 * (16 CFR 310.4(b)(3)(iv)): {@code RegistryStatus.stale}.
 */
public final class NationalRegistry {

    public static final Duration REFRESH = Duration.ofMinutes(1);
    private static final int PROGRESS_EVERY = 1_000_000;

    private static final String LATEST = """
            SELECT id, snapshot_date FROM registry_snapshots ORDER BY snapshot_date DESC, id DESC LIMIT 1""";
    private static final String AREA_CODE = "SELECT numbers FROM registry_area_codes WHERE area_code = :areaCode";
    private static final String DELETE_ALL = "DELETE FROM registry_area_codes";
    private static final String DELETE_AREA_CODE = "DELETE FROM registry_area_codes WHERE area_code = :areaCode";
    private static final String INSERT_AREA_CODE = """
            INSERT INTO registry_area_codes (area_code, numbers, count, snapshot_id, updated_at)
            VALUES (:areaCode, :numbers, :count, :snapshotId, :now)""";
    private static final String INSERT_SNAPSHOT = """
            INSERT INTO registry_snapshots (snapshot_date, kind, file_name, lines_read, numbers_added, numbers_removed,
                                            rejected, imported_by, imported_at)
            VALUES (:date, :kind, :file, 0, 0, 0, 0, :by, :now)""";
    private static final String FINISH_SNAPSHOT = """
            UPDATE registry_snapshots SET lines_read = :lines, numbers_added = :added, numbers_removed = :removed,
                   rejected = :rejected WHERE id = :id""";
    private static final String COUNT = "SELECT COALESCE(SUM(count), 0) FROM registry_area_codes";

    /** A registry import's record. */
    public record Snapshot(long id, LocalDate date) {
    }

    /** What an import did; the first rejected lines with why. */
    public record Imported(long snapshotId, long lines, long added, long removed, long rejected, List<String> firstRejects) {
    }

    /** A US number against the registry: the snapshot date it was checked against (none imported yet), and whether it is on it. */
    public record Check(Optional<LocalDate> snapshotDate, boolean listed) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Map<Integer, AreaCodeNumbers> loaded = new ConcurrentHashMap<>();
    private volatile Optional<Snapshot> current = Optional.empty();
    private volatile Instant checkedAt = Instant.MIN;

    public NationalRegistry(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    /** Looks a US number (+1 and ten digits) up in the latest snapshot. */
    public Check check(String e164) {
        Optional<Snapshot> snapshot = latest();
        if (snapshot.isEmpty() || !e164.startsWith("+1") || e164.length() != 12) {
            return new Check(snapshot.map(Snapshot::date), false);
        }
        int areaCode = Integer.parseInt(e164.substring(2, 5));
        int subscriber = Integer.parseInt(e164.substring(5));
        AreaCodeNumbers numbers = loaded.computeIfAbsent(areaCode, this::load);
        return new Check(snapshot.map(Snapshot::date), numbers.contains(subscriber));
    }

    /** The latest snapshot, asked of the database at most every {@link #REFRESH}; a newer one empties the cache. */
    public Optional<Snapshot> latest() {
        Instant now = clock.instant();
        if (now.isBefore(checkedAt.plus(REFRESH))) {
            return current;
        }
        synchronized (this) {
            if (now.isBefore(checkedAt.plus(REFRESH))) {
                return current;
            }
            Optional<Snapshot> newest = jdbc.sql(LATEST).query((rs, row) -> new Snapshot(rs.getLong("id"),
                    rs.getObject("snapshot_date", LocalDate.class))).optional();
            if (!newest.equals(current)) {
                loaded.clear();
            }
            current = newest;
            checkedAt = now;
            return newest;
        }
    }

    public long size() {
        return jdbc.sql(COUNT).query(Long.class).single();
    }

    /** Imports a full list: it replaces every area code. */
    public Imported importFull(BufferedReader reader, String fileName, LocalDate snapshotDate, String by, LongConsumer progress) {
        Parsed parsed = parse(reader, progress);
        return store("full", fileName, snapshotDate, by, parsed, (snapshotId, now) -> {
            jdbc.sql(DELETE_ALL).update();
            long added = 0;
            for (int areaCode = 0; areaCode < parsed.adds.length; areaCode++) {
                if (parsed.adds[areaCode] != null) {
                    AreaCodeNumbers numbers = AreaCodeNumbers.of(parsed.adds[areaCode].values, parsed.adds[areaCode].size);
                    parsed.adds[areaCode] = null;
                    insert(areaCode, numbers, snapshotId, now);
                    added += numbers.size();
                }
            }
            return new long[] {added, 0};
        });
    }

    /** Imports a change list: its additions and deletions applied to the area codes it names. */
    public Imported importChanges(BufferedReader reader, String fileName, LocalDate snapshotDate, String by, LongConsumer progress) {
        Parsed parsed = parse(reader, progress);
        return store("change", fileName, snapshotDate, by, parsed, (snapshotId, now) -> {
            long added = 0;
            long removed = 0;
            for (int areaCode = 0; areaCode < parsed.adds.length; areaCode++) {
                IntList adds = parsed.adds[areaCode];
                IntList removes = parsed.removes[areaCode];
                if (adds == null && removes == null) {
                    continue;
                }
                AreaCodeNumbers before = load(areaCode);
                AreaCodeNumbers after = before.change(adds == null ? new int[0] : adds.values, adds == null ? 0 : adds.size,
                        removes == null ? new int[0] : removes.values, removes == null ? 0 : removes.size);
                jdbc.sql(DELETE_AREA_CODE).param("areaCode", areaCode).update();
                insert(areaCode, after, snapshotId, now);
                added += Math.max(0, after.size() - before.size());
                removed += Math.max(0, before.size() - after.size());
            }
            return new long[] {added, removed};
        });
    }

    private interface Apply {
        long[] apply(long snapshotId, Object now);
    }

    private Imported store(String kind, String fileName, LocalDate snapshotDate, String by, Parsed parsed, Apply apply) {
        Imported imported = transaction.execute(status -> {
            Object now = SqlTime.utc(clock.instant());
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql(INSERT_SNAPSHOT).param("date", snapshotDate).param("kind", kind).param("file", fileName)
                    .param("by", by).param("now", now).update(keys, "id");
            long snapshotId = keys.getKey().longValue();
            long[] counts = apply.apply(snapshotId, now);
            jdbc.sql(FINISH_SNAPSHOT).param("lines", parsed.lines).param("added", counts[0]).param("removed", counts[1])
                    .param("rejected", parsed.rejected).param("id", snapshotId).update();
            return new Imported(snapshotId, parsed.lines, counts[0], counts[1], parsed.rejected, parsed.firstRejects);
        });
        checkedAt = Instant.MIN;
        return imported;
    }

    private void insert(int areaCode, AreaCodeNumbers numbers, long snapshotId, Object now) {
        if (numbers.size() == 0) {
            return;
        }
        jdbc.sql(INSERT_AREA_CODE).param("areaCode", areaCode).param("numbers", numbers.toBytes())
                .param("count", numbers.size()).param("snapshotId", snapshotId).param("now", now).update();
    }

    private AreaCodeNumbers load(int areaCode) {
        return jdbc.sql(AREA_CODE).param("areaCode", areaCode).query((rs, row) -> AreaCodeNumbers.fromBytes(rs.getBytes("numbers")))
                .optional().orElseGet(() -> AreaCodeNumbers.of(new int[0], 0));
    }

    /** A file read into per-area-code lists. */
    private static final class Parsed {
        final IntList[] adds = new IntList[1000];
        final IntList[] removes = new IntList[1000];
        long lines;
        long rejected;
        final List<String> firstRejects = new ArrayList<>();
    }

    private static Parsed parse(BufferedReader reader, LongConsumer progress) {
        Parsed parsed = new Parsed();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                parsed.lines++;
                try {
                    Optional<RegistryFile.Entry> entry = RegistryFile.parse(line);
                    if (entry.isPresent()) {
                        IntList[] lists = entry.get().added() ? parsed.adds : parsed.removes;
                        int areaCode = entry.get().areaCode();
                        if (lists[areaCode] == null) {
                            lists[areaCode] = new IntList();
                        }
                        lists[areaCode].add(entry.get().subscriber());
                    }
                } catch (IllegalArgumentException bad) {
                    parsed.rejected++;
                    if (parsed.firstRejects.size() < 10) {
                        parsed.firstRejects.add("line " + parsed.lines + ": " + bad.getMessage());
                    }
                }
                if (parsed.lines % PROGRESS_EVERY == 0) {
                    progress.accept(parsed.lines);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the registry file: " + e.getMessage(), e);
        }
        return parsed;
    }

    /** A growable int array: four bytes a number while a file is read. */
    private static final class IntList {
        int[] values = new int[1024];
        int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length + (values.length >> 1));
            }
            values[size++] = value;
        }
    }
}
