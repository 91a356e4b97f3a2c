package sa.navaia.dialer.importing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import sa.navaia.dialer.app.DialerContext;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.TestDatabase;

/**
 * One migrated database and one worker context per database kind, shared by the import tests (each
 * test works in campaigns of its own), so the suite starts two contexts, not fifty. Also the test-only
 * failure injection: a processor that throws once at a given line, as a killed process would stop.
 */
final class ImportContexts {

    private static final Map<TestDatabase, Running> RUNNING = new EnumMap<>(TestDatabase.class);

    /** Line at which the next import's processor fails once; 0 for none. */
    static final AtomicLong FAIL_AT_LINE = new AtomicLong();

    record Running(TestDatabase.Migrated db, ConfigurableApplicationContext context) {
        <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        Campaign campaign(boolean requiresConsent) {
            Campaign draft = Campaign.draft("import-" + UUID.randomUUID(), "agent", "+19383362295", "US", Instant.now());
            Campaign campaign = draft.withDialing(Set.of("US"), draft.timeZone(), draft.windowStart(), draft.windowEnd(),
                    draft.allowedDays(), draft.regionWindows(), requiresConsent, draft.maxAttempts(), draft.retryBackoff(),
                    draft.minGap(), draft.machineDetection(), draft.callsPerSecond(), draft.maxLiveCalls());
            return bean(CampaignRepository.class).create(campaign);
        }
    }

    private ImportContexts() {
    }

    static synchronized Running on(TestDatabase kind) {
        return RUNNING.computeIfAbsent(kind, k -> {
            TestDatabase.Migrated db = k.create();
            ConfigurableApplicationContext context = DialerContext.start(SettingsLoader.load(Map.of(
                    "DIALER_DB_URL", db.settings().url(),
                    "DIALER_DB_USER", db.settings().user(),
                    "DIALER_DB_PASSWORD", db.settings().password()), Path.of("does-not-exist.env")));
            context.getBeanFactory().addBeanPostProcessor(new FailingProcessorInjector());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                context.close();
                db.close();
            }));
            return new Running(db, context);
        });
    }

    private static final class FailingProcessorInjector implements BeanPostProcessor {
        @Override
        @SuppressWarnings("unchecked")
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (!beanName.equals("scopedTarget.importRowProcessor")) {
                return bean;
            }
            ItemProcessor<CsvRow, ImportItem> real = (ItemProcessor<CsvRow, ImportItem>) bean;
            return (ItemProcessor<CsvRow, ImportItem>) row -> {
                if (row.line() == FAIL_AT_LINE.get()) {
                    FAIL_AT_LINE.set(0);
                    throw new IllegalStateException("Injected failure at line " + row.line());
                }
                return real.process(row);
            };
        }
    }

}
