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
import sa.navaia.dialer.consent.ConsentRepository;
import sa.navaia.dialer.contact.ContactRepository;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.importing.ImportRepository;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.report.AttemptReportRepository;
import sa.navaia.dialer.session.VoiceSessionRepository;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.window.WindowPreview;
import sa.navaia.dialer.dialing.CallAttemptRepository;
import sa.navaia.dialer.dialing.CallPlacer;
import sa.navaia.dialer.ratelimit.CallRateLimiter;
import sa.navaia.dialer.testcall.TestCall;
import sa.navaia.dialer.testcall.TestCallRepository;
import sa.navaia.dialer.contact.ContactHistoryRepository;
import sa.navaia.dialer.postcall.PostCallReview;
import sa.navaia.dialer.report.CampaignProgressRepository;
import sa.navaia.dialer.user.ApiTokenRepository;
import sa.navaia.dialer.user.UserRepository;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

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
    ConsentRepository consentRepository(DataSource dataSource, Clock clock) {
        return new ConsentRepository(dataSource, clock);
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
    UserRepository userRepository(DataSource dataSource, Clock clock) {
        return new UserRepository(dataSource, clock);
    }

    @Bean
    ApiTokenRepository apiTokenRepository(DataSource dataSource, Clock clock) {
        return new ApiTokenRepository(dataSource, clock);
    }

    @Bean
    AuditLog auditLog(DataSource dataSource, Clock clock) {
        return new AuditLog(dataSource, clock);
    }

    @Bean
    CampaignProgressRepository campaignProgressRepository(DataSource dataSource, Clock clock) {
        return new CampaignProgressRepository(dataSource, clock);
    }

    @Bean
    ContactHistoryRepository contactHistoryRepository(DataSource dataSource) {
        return new ContactHistoryRepository(dataSource);
    }

    @Bean
    WindowPreview windowPreview(DataSource dataSource, Clock clock) {
        return new WindowPreview(dataSource, clock);
    }

    @Bean
    PostCallReview postCallReview(DataSource dataSource, Clock clock) {
        return new PostCallReview(dataSource, clock);
    }

    @Bean
    TestCallRepository testCallRepository(DataSource dataSource, Clock clock) {
        return new TestCallRepository(dataSource, clock);
    }

    /** One call now, through the campaign's rules; for the console and API (the CLI builds its own). */
    @Bean
    TestCall testCall(PhoneNumbers phoneNumbers, DoNotCallRepository doNotCall, TestCallRepository records,
                      CallAttemptRepository attempts, CallRateLimiter rateLimiter, CallPlacer placer, Clock clock) {
        return new TestCall(phoneNumbers, doNotCall, records, attempts, rateLimiter, placer, clock);
    }

    /** Spring Security's delegating encoder: bcrypt today, and hashes say their algorithm so it can change. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    VoiceSessionRepository voiceSessionRepository(DataSource dataSource, Clock clock) {
        return new VoiceSessionRepository(dataSource, clock);
    }
}
