package sa.navaia.dialer.retention;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import sa.navaia.dialer.app.WorkerStartup;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.InvalidSettingsException;
import sa.navaia.dialer.schedule.Schedules;

/** The retention purge and its daily schedule ({@code DIALER_PURGE_CRON}, UTC). */
@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

    @Bean
    RetentionPurge retentionPurge(DataSource dataSource, DialerSettings settings, Clock clock) {
        return new RetentionPurge(dataSource, settings.retention().retention(), clock);
    }

    @Bean
    WorkerStartup scheduleRetentionPurge(Schedules schedules, DialerSettings settings) {
        return () -> {
            try {
                schedules.scheduleCron(RetentionPurgeJob.KEY, RetentionPurgeJob.class, settings.retention().purgeCron(),
                        ZoneOffset.UTC, Map.of());
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingsException(java.util.List.of("DIALER_PURGE_CRON: " + e.getMessage()));
            }
        };
    }
}
