package sa.navaia.dialer.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import sa.navaia.dialer.importing.ImportProgress;

/**
 * The import's progress on stderr, redrawn in place five times a second: rows, rows per second, a bar
 * and the time left, estimated from the bytes read of the file's size.
 */
final class ProgressBar implements AutoCloseable {

    static final long REDRAW_MILLIS = 200;
    private static final int WIDTH = 30;

    private final ImportProgress progress;
    private final PrintWriter err;
    private final LongSupplier nanos;
    private final long started;
    private final ScheduledExecutorService ticker;
    private volatile boolean drawn;

    ProgressBar(ImportProgress progress, PrintWriter err, LongSupplier nanos) {
        this.progress = progress;
        this.err = err;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "import-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::draw, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void draw() {
        err.print("\r" + line(progress.rows(), progress.bytes(), progress.size(),
                Duration.ofNanos(nanos.getAsLong() - started)));
        err.flush();
        drawn = true;
    }

    /** e.g. {@code 120,000 rows  40,000 rows/s  [#########.....................]  30%  ~7 s left} */
    static String line(long rows, long bytes, long size, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        long rate = Math.round(rows / seconds);
        double done = size <= 0 ? 0 : Math.min(1.0, (double) bytes / size);
        int filled = (int) Math.round(done * WIDTH);
        String left = done <= 0.0 ? "estimating" : "~" + Math.round(seconds * (1 - done) / done) + " s left";
        return String.format(Locale.ROOT, "%,d rows  %,d rows/s  [%s%s] %3d%%  %s   ", rows, rate,
                "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(done * 100), left);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        if (drawn) {
            err.println();
            err.flush();
        }
    }
}
