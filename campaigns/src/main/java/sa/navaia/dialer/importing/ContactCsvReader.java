package sa.navaia.dialer.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams the rows of a list (see {@link CsvSource}) and keeps, in the step's execution context, how
 * many records it has handed out. A restarted step (same job instance) skips that many records without
 * processing them and goes on from there: the committed chunks are never read twice.
 */
final class ContactCsvReader implements ItemStreamReader<CsvRow> {

    static final String RECORDS_READ = "contactCsvReader.records";

    private final Path file;
    private final ImportProgress progress;
    private CsvSource source;
    private long records;

    ContactCsvReader(Path file, ImportProgress progress) {
        this.file = file;
        this.progress = progress;
    }

    @Override
    public void open(ExecutionContext context) {
        try {
            source = CsvSource.open(file);
            long done = context.containsKey(RECORDS_READ) ? context.getLong(RECORDS_READ) : 0;
            progress.start(source.size(), done);
            while (records < done && source.next() != null) {
                records++;
            }
        } catch (IOException e) {
            throw new ItemStreamException("Cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CsvRow read() {
        try {
            CsvRow row = source.next();
            if (row != null) {
                records++;
                progress.advance(records, source.bytesRead());
            }
            return row;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + file + " failed after " + records + " rows: " + e.getMessage(), e);
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(RECORDS_READ, records);
    }

    @Override
    public void close() {
        if (source != null) {
            try {
                source.close();
            } catch (IOException e) {
                throw new ItemStreamException("Cannot close " + file, e);
            }
            source = null;
        }
    }
}
