package sa.navaia.dialer.importing;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import sa.navaia.dialer.campaign.Campaign;

/**
 * Imports a list into a campaign: the one entry point of the CLI and the inbox scanner.
 * <ol>
 *   <li>The file's SHA-256 names it. Seen before and completed: nothing changes. Seen before and failed
 *       (or killed): the same job instance restarts where it stopped.</li>
 *   <li>A new file is inspected first; one that cannot be read at all (empty, header only, binary,
 *       not UTF-8, no phone column, no consent column where consent is required) is refused whole.</li>
 *   <li>Otherwise the {@code importContacts} job runs, here and now, in this thread.</li>
 * </ol>
 */
public final class ContactImporter {

    private static final Logger log = LoggerFactory.getLogger(ContactImporter.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final ImportRepository imports;
    private final MeterRegistry meters;

    ContactImporter(JobOperator jobOperator, JobRepository jobRepository, Job job, ImportRepository imports,
                    MeterRegistry meters) {
        this.meters = meters;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
        this.imports = imports;
    }

    public ImportOutcome importFile(Campaign campaign, Path file) {
        return importFile(campaign, file, false);
    }

    /**
     * @param recoverCrashed when an earlier run of this file is still marked running (its process was
     *                       killed), mark it failed and resume it; without this, such a run is reported
     */
    public ImportOutcome importFile(Campaign campaign, Path file, boolean recoverCrashed) {
        return importFile(campaign, file, recoverCrashed, Map.of());
    }

    /**
     * @param mapping columns chosen by hand (field such as {@code phone} to the header's column name), in place
     *                of the header's names for those fields; see {@link Columns#of(String[], Map)}
     */
    public ImportOutcome importFile(Campaign campaign, Path file, boolean recoverCrashed, Map<String, String> mapping) {
        if (!Files.isRegularFile(file)) {
            return new ImportOutcome.Refused("There is no file " + file + ".");
        }
        String checksum = sha256(file);
        String fileName = file.getFileName().toString();
        Optional<ImportRecord> seen = imports.findByChecksum(campaign.id(), checksum);
        if (seen.isPresent() && seen.get().status() == ImportStatus.COMPLETED) {
            return new ImportOutcome.AlreadyImported(seen.get());
        }
        Optional<String> refusal = seen.isPresent() && seen.get().status() != ImportStatus.REFUSED
                ? Optional.empty() : inspect(campaign, file, mapping);
        if (refusal.isPresent()) {
            if (seen.isEmpty()) {
                imports.refuse(campaign.id(), fileName, checksum, refusal.get());
            }
            log.info("Refused {} for campaign {}: {}", fileName, campaign.name(), refusal.get());
            return new ImportOutcome.Refused(refusal.get());
        }
        ImportRecord record;
        if (seen.isPresent()) {
            record = seen.get();
            imports.restart(record.id(), fileName);
            log.info("Resuming import #{} of {} into campaign {}", record.id(), fileName, campaign.name());
        } else {
            record = imports.start(campaign.id(), fileName, checksum);
        }
        return run(campaign, file, checksum, record, recoverCrashed, mapping);
    }

    /** {@code dialer_import_rows_total} by result, {@code dialer_import_rejects_total} by reason code. */
    private void count(sa.navaia.dialer.importing.ImportCounts counts, java.util.Map<String, Long> rejectsByReason) {
        meters.counter("dialer.import.rows", "result", "imported").increment(counts.imported());
        meters.counter("dialer.import.rows", "result", "rejected").increment(counts.rejected());
        meters.counter("dialer.import.rows", "result", "suppressed").increment(counts.suppressed());
        meters.counter("dialer.import.rows", "result", "duplicate").increment(counts.duplicates());
        rejectsByReason.forEach((reason, rows) -> meters.counter("dialer.import.rejects", "reason", reason).increment(rows));
    }

    private ImportOutcome run(Campaign campaign, Path file, String checksum, ImportRecord record, boolean recoverCrashed,
                              Map<String, String> mapping) {
        JobParameters parameters = new JobParametersBuilder()
                .addLong("campaignId", campaign.id())
                .addString("checksum", checksum)
                .addString("path", file.toAbsolutePath().toString(), false)
                .addLong("importId", record.id(), false)
                .addString("mapping", Columns.encode(mapping), false)
                .toJobParameters();
        try {
            JobExecution last = jobRepository.getLastJobExecution(ImportJobConfiguration.JOB_NAME, parameters);
            if (last != null && last.isRunning()) {
                if (!recoverCrashed) {
                    return new ImportOutcome.Failed("Import #" + record.id() + " of this file is running since "
                            + last.getStartTime() + " (job execution #" + last.getId() + "). If the process running it"
                            + " was killed, import the file again with --recover to resume it.");
                }
                jobOperator.recover(last);
            }
            JobExecution execution = jobOperator.start(job, parameters);
            ImportRecord after = imports.findById(record.id()).orElseThrow();
            if (execution.getStatus() == BatchStatus.COMPLETED) {
                var rejects = imports.rejectCounts(record.id());
                count(after.counts(), rejects);
                Path report = RejectsReport.pathFor(file);
                return new ImportOutcome.Completed(after, rejects,
                        rejects.isEmpty() || !Files.exists(report) ? Optional.empty() : Optional.of(report));
            }
            String cause = execution.getAllFailureExceptions().stream().findFirst()
                    .map(ContactImporter::rootMessage).orElse(execution.getExitStatus().getExitDescription());
            String message = "Import #" + record.id() + " of " + file.getFileName() + " stopped (" + execution.getStatus()
                    + "): " + cause + " Import the same file again to resume after the last saved row.";
            imports.fail(record.id(), message);
            return new ImportOutcome.Failed(message);
        } catch (Exception e) {
            String message = "Import #" + record.id() + " of " + file.getFileName() + " could not run: " + rootMessage(e);
            imports.fail(record.id(), message);
            return new ImportOutcome.Failed(message);
        }
    }

    /** Why the file cannot be imported at all, or empty when its rows can be read. */
    static Optional<String> inspect(Campaign campaign, Path file, Map<String, String> mapping) {
        try (CsvSource source = CsvSource.open(file)) {
            Columns columns = Columns.of(source.header(), mapping);
            if (campaign.requiresConsent() && columns.consent() < 0) {
                return Optional.of("Campaign " + campaign.name() + " calls only people who consented, and the header has"
                        + " no consent column (found: " + String.join(", ", columns.names())
                        + "); add a consent column with yes or no for every row.");
            }
            if (source.next() == null) {
                return Optional.of("The file " + file.getFileName() + " has a header but no rows: nothing to import.");
            }
            return Optional.empty();
        } catch (ImportRefusedException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            return Optional.of("The file " + file + " cannot be read: " + e.getMessage());
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
