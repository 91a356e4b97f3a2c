package sa.navaia.dialer.dialing;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;

/**
 * The liveness of dial runs, {@code dial_run_heartbeats}: while a run is running, one thread of its worker
 * writes {@code beat_at} every {@link #EVERY}. A run whose beat is older than the stale limit is taken as
 * crashed (its process was killed or lost); one whose beat is fresh is alive, however long it has run.
 * A run that ends deletes its row; a crashed run's row stays (the resolver reads it) and is forgotten
 * after {@link #FORGET_AFTER}.
 */
public final class RunHeartbeats implements AutoCloseable {

    public static final Duration EVERY = Duration.ofSeconds(2);
    static final Duration FORGET_AFTER = Duration.ofDays(2);
    private static final Logger log = LoggerFactory.getLogger(RunHeartbeats.class);

    private static final String DELETE = "DELETE FROM dial_run_heartbeats WHERE run_id = :runId";
    private static final String INSERT = """
            INSERT INTO dial_run_heartbeats (run_id, job_execution_id, worker, started_at, beat_at)
            VALUES (:runId, :executionId, :worker, :now, :now)""";
    private static final String BEAT = "UPDATE dial_run_heartbeats SET beat_at = :now WHERE run_id IN (:runIds)";
    private static final String LAST_BEAT = "SELECT beat_at FROM dial_run_heartbeats WHERE run_id = :runId";
    private static final String FORGET = "DELETE FROM dial_run_heartbeats WHERE beat_at < :before";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String worker;
    private final Set<String> beating = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    public RunHeartbeats(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
        String name = ManagementFactory.getRuntimeMXBean().getName();
        this.worker = name.length() > 200 ? name.substring(0, 200) : name;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "run-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::beat, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The run is alive from now on: its row is written, and beaten until {@link #stop}. */
    public void start(String runId, long executionId) {
        Object now = SqlTime.utc(clock.instant());
        jdbc.sql(DELETE).param("runId", runId).update();
        jdbc.sql(INSERT).param("runId", runId).param("executionId", executionId).param("worker", worker)
                .param("now", now).update();
        beating.add(runId);
    }

    /** The run ended: no more beats, and its row goes. */
    public void stop(String runId) {
        beating.remove(runId);
        jdbc.sql(DELETE).param("runId", runId).update();
    }

    /** When the run last showed it was alive; empty when it never started beating or ended. */
    public Optional<Instant> lastBeat(String runId) {
        return jdbc.sql(LAST_BEAT).param("runId", runId).query((rs, row) -> SqlTime.instant(rs, "beat_at")).optional();
    }

    /** Rows of runs that crashed long ago; their attempts were resolved since. */
    public int forgetOld() {
        return jdbc.sql(FORGET).param("before", SqlTime.utc(clock.instant().minus(FORGET_AFTER))).update();
    }

    void beat() {
        List<String> runIds = List.copyOf(beating);
        if (runIds.isEmpty()) {
            return;
        }
        try {
            jdbc.sql(BEAT).param("now", SqlTime.utc(clock.instant())).param("runIds", runIds).update();
        } catch (RuntimeException e) {
            log.warn("Could not write the heartbeat of dial runs {}: {}. Another worker takes a run over once its beat"
                    + " is stale.", runIds, e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
