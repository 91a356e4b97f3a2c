package sa.navaia.dialer.importing;

import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.consent.ConsentRepository;
import sa.navaia.dialer.contact.ContactRepository;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.phone.PhoneNumbers;

/**
 * The import job, as its diagram reads:
 * <pre>
 *   importContacts(campaignId, checksum | path, importId)
 *     importRows:   ContactCsvReader ─► ContactRowProcessor ─► ContactImportWriter   (chunks of 1000)
 *     finishImport: count from the database, write the rejects report, close the imports row
 * </pre>
 * Identifying parameters are the campaign and the file's SHA-256: one job instance per file per
 * campaign. The path and the import id are not identifying, so a file moved (e.g. out of an inbox)
 * still resumes the same instance.
 *
 * <p>Rules: <b>no skips</b>: a bad row is not an exception but a rejected item, recorded with its
 * reason. <b>No retries</b>: a chunk that fails (database down, process killed) rolls back whole, the
 * job fails, and <b>restart</b> (importing the same file again) resumes after the last committed chunk:
 * the reader's record count is saved in the step's execution context with every commit, and numbers
 * the same import stored before are recognised, so nothing is stored twice.
 */
@Configuration
public class ImportJobConfiguration {

    public static final String JOB_NAME = "importContacts";
    static final String ROWS_STEP = "importRows";
    static final String FINISH_STEP = "finishImport";
    static final int CHUNK_SIZE = 1000;
    /** A list in an inbox modified less than this long ago may still be being written. */
    static final Duration INBOX_SETTLE = Duration.ofSeconds(5);

    private final ObjectMapper json = new ObjectMapper();

    @Bean
    Job importContacts(JobRepository jobRepository, Step importRows, Step finishImport) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(importRows)
                .next(finishImport)
                .build();
    }

    @Bean
    Step importRows(JobRepository jobRepository, JdbcTransactionManager transactionManager,
                    ItemStreamReader<CsvRow> importRowReader, ItemProcessor<CsvRow, ImportItem> importRowProcessor,
                    ItemWriter<ImportItem> importRowWriter) {
        return new StepBuilder(ROWS_STEP, jobRepository)
                .<CsvRow, ImportItem>chunk(CHUNK_SIZE)
                .transactionManager(transactionManager)
                .reader(importRowReader)
                .processor(importRowProcessor)
                .writer(importRowWriter)
                .build();
    }

    @Bean
    Step finishImport(JobRepository jobRepository, JdbcTransactionManager transactionManager,
                      Tasklet finishImportTasklet) {
        return new StepBuilder(FINISH_STEP, jobRepository)
                .tasklet(finishImportTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    ItemStreamReader<CsvRow> importRowReader(@Value("#{jobParameters['path']}") String path, ImportProgress progress) {
        return new ContactCsvReader(Path.of(path), progress);
    }

    @Bean
    @StepScope
    ItemProcessor<CsvRow, ImportItem> importRowProcessor(@Value("#{jobParameters['campaignId']}") Long campaignId,
                                                         @Value("#{jobParameters['importId']}") Long importId,
                                                         @Value("#{jobParameters['path']}") String path,
                                                         @Value("#{jobParameters['mapping']}") String mapping,
                                                         CampaignRepository campaigns, PhoneNumbers phoneNumbers) {
        Campaign campaign = campaigns.findById(campaignId)
                .orElseThrow(() -> new IllegalStateException("Campaign #" + campaignId + " does not exist."));
        Columns columns = Columns.of(CsvSource.readHeader(Path.of(path)), Columns.decode(mapping));
        return new ContactRowProcessor(campaign, importId, columns, phoneNumbers, json);
    }

    @Bean
    @StepScope
    ItemWriter<ImportItem> importRowWriter(@Value("#{jobParameters['campaignId']}") Long campaignId,
                                           @Value("#{jobParameters['importId']}") Long importId,
                                           ContactRepository contacts, ImportRepository imports,
                                           DoNotCallRepository doNotCall, ConsentRepository consents,
                                           JdbcTransactionManager transactionManager) {
        return new ContactImportWriter(campaignId, importId, contacts, imports, doNotCall, consents, transactionManager);
    }

    @Bean
    @StepScope
    Tasklet finishImportTasklet(@Value("#{jobParameters['importId']}") Long importId,
                                            @Value("#{jobParameters['path']}") String path,
                                            ContactRepository contacts, ImportRepository imports,
                                            RejectsReport rejectsReport) {
        return new FinishImportTasklet(importId, Path.of(path), contacts, imports, rejectsReport);
    }

    @Bean
    RejectsReport rejectsReport(ImportRepository imports) {
        return new RejectsReport(imports, json);
    }

    @Bean
    ImportProgress importProgress() {
        return new ImportProgress();
    }

    @Bean
    InboxScanner inboxScanner(CampaignRepository campaigns, ContactImporter contactImporter, DialerSettings settings,
                              Clock clock, AuditLog audit) {
        return new InboxScanner(campaigns, contactImporter, settings.dataDir(), clock, INBOX_SETTLE, audit);
    }

    @Bean
    ContactImporter contactImporter(JobOperator jobOperator, JobRepository jobRepository, Job importContacts,
                                    ImportRepository imports, MeterRegistry meters) {
        return new ContactImporter(jobOperator, jobRepository, importContacts, imports, meters);
    }
}
