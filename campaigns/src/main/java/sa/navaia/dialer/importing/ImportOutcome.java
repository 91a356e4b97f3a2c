package sa.navaia.dialer.importing;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/** What importing a file came to; {@link #describe()} is the summary shown to the manager. */
public sealed interface ImportOutcome {

    /** True when the import ran (even with rejected rows) or had run before; false when refused or failed. */
    boolean ran();

    String describe();

    /** The file was read to its end: every row imported, suppressed or rejected with its reason. */
    record Completed(ImportRecord record, Map<String, Long> rejectsByReason, Optional<Path> report) implements ImportOutcome {
        public Completed {
            rejectsByReason = Map.copyOf(rejectsByReason);
        }

        @Override
        public boolean ran() {
            return true;
        }

        @Override
        public String describe() {
            ImportCounts c = record.counts();
            StringBuilder text = new StringBuilder("Import #" + record.id() + " of " + record.fileName() + ": "
                    + c.rowsRead() + " rows read, " + c.imported() + " imported, " + c.rejected() + " rejected, "
                    + c.suppressed() + " suppressed (do-not-call), " + c.duplicates() + " duplicates.");
            new java.util.TreeMap<>(rejectsByReason).forEach((code, n) -> text.append("\n  ").append(code).append(": ").append(n));
            text.append(report.map(p -> "\nRejects report: " + p.toAbsolutePath()).orElse("\nNo rows were rejected."));
            return text.toString();
        }
    }

    /** The same file (by SHA-256) was imported into this campaign before; nothing changed. */
    record AlreadyImported(ImportRecord record) implements ImportOutcome {
        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

        @Override
        public boolean ran() {
            return true;
        }

        @Override
        public String describe() {
            ImportCounts c = record.counts();
            return "Already imported on " + WHEN.format(record.finishedAt().orElse(record.startedAt())) + " as import #"
                    + record.id() + ": " + c.imported() + " imported, " + c.rejected() + " rejected; nothing changed.";
        }
    }

    /** Nothing could be read from the file; nothing was imported. */
    record Refused(String message) implements ImportOutcome {
        @Override
        public boolean ran() {
            return false;
        }

        @Override
        public String describe() {
            return "Refused: " + message;
        }
    }

    /** The import stopped part-way; importing the same file again resumes it. */
    record Failed(String message) implements ImportOutcome {
        @Override
        public boolean ran() {
            return false;
        }

        @Override
        public String describe() {
            return "Failed: " + message;
        }
    }
}
