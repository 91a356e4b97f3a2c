package sa.navaia.dialer.app;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.support.JdbcTransactionManager;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.contact.ContactRepository;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.importing.ImportRepository;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.report.AttemptReportRepository;
import sa.navaia.dialer.session.VoiceSessionRepository;

/**
 * The worker's Spring context: the shared database, Spring Batch's JDBC job repository in it, and the
 * plain repositories of dialer-core. Batch's tables are MySQL-style on every database (the migrations
 * in {@code sql/} create them), so the repository is told the database type is MySQL even on H2.
 */
@SpringBootApplication(scanBasePackages = "sa.navaia.dialer")
@EnableBatchProcessing
@EnableJdbcJobRepository(databaseType = "MYSQL")
public class DialerApplication {

    @Bean(destroyMethod = "close")
    DataSource dataSource(DialerSettings settings) {
        return DataSources.create(settings.database(), "worker");
    }

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CampaignRepository campaignRepository(DataSource dataSource, Clock clock) {
        return new CampaignRepository(dataSource, clock);
    }

    @Bean
    CampaignPolicyRepository campaignPolicyRepository(DataSource dataSource, Clock clock) {
        return new CampaignPolicyRepository(dataSource, clock);
    }

    @Bean
    DoNotCallRepository doNotCallRepository(DataSource dataSource, Clock clock) {
        return new DoNotCallRepository(dataSource, clock);
    }

    @Bean
    ContactRepository contactRepository(DataSource dataSource, Clock clock) {
        return new ContactRepository(dataSource, clock);
    }

    @Bean
    ImportRepository importRepository(DataSource dataSource, Clock clock) {
        return new ImportRepository(dataSource, clock);
    }

    @Bean
    PhoneNumbers phoneNumbers() {
        return new PhoneNumbers();
    }

    @Bean
    AttemptReportRepository attemptReportRepository(DataSource dataSource, Clock clock) {
        return new AttemptReportRepository(dataSource, clock);
    }

    @Bean
    VoiceSessionRepository voiceSessionRepository(DataSource dataSource, Clock clock) {
        return new VoiceSessionRepository(dataSource, clock);
    }
}
