package sa.navaia.dialer.importing;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import sa.navaia.dialer.contact.ContactRepository;
import sa.navaia.dialer.contact.ContactStatus;

/**
 * The last step: counts what the import did from the database (so a restarted import counts the rows
 * of every run), writes the rejects report beside the file, and closes the {@code imports} row.
 */
final class FinishImportTasklet implements Tasklet {

    private final long importId;
    private final Path file;
    private final ContactRepository contacts;
    private final ImportRepository imports;
    private final RejectsReport report;

    FinishImportTasklet(long importId, Path file, ContactRepository contacts, ImportRepository imports, RejectsReport report) {
        this.importId = importId;
        this.file = file;
        this.contacts = contacts;
        this.imports = imports;
        this.report = report;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Map<String, Long> byReason = imports.rejectCounts(importId);
        ImportCounts counts = tally(contacts.countsByStatusOfImport(importId), byReason);
        String csv = null;
        if (!byReason.isEmpty()) {
            Path target = RejectsReport.pathFor(file);
            csv = report.write(importId, Arrays.asList(CsvSource.readHeader(file)), target);
        }
        imports.finish(importId, ImportStatus.COMPLETED, counts, summary(counts, byReason), csv);
        return RepeatStatus.FINISHED;
    }

    static ImportCounts tally(Map<String, Long> contactsByStatus, Map<String, Long> rejectsByReason) {
        long imported = contactsByStatus.getOrDefault(ContactStatus.PENDING.code(), 0L);
        long suppressed = contactsByStatus.getOrDefault(ContactStatus.SUPPRESSED.code(), 0L);
        long duplicates = rejectsByReason.entrySet().stream().filter(e -> RejectReason.isDuplicate(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        long rejected = rejectsByReason.values().stream().mapToLong(Long::longValue).sum() - duplicates;
        return new ImportCounts(imported + suppressed + duplicates + rejected, imported, rejected, suppressed, duplicates);
    }

    static String summary(ImportCounts counts, Map<String, Long> byReason) {
        String reasons = byReason.entrySet().stream().filter(e -> !RejectReason.isDuplicate(e.getKey()))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return counts.rowsRead() + " rows read: " + counts.imported() + " imported, " + counts.rejected() + " rejected"
                + (reasons.isEmpty() ? "" : " (" + reasons + ")") + ", " + counts.suppressed()
                + " suppressed (do-not-call), " + counts.duplicates() + " duplicates.";
    }
}
