package sa.navaia.dialer.schedule;

import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import sa.navaia.dialer.config.DialerSettings;

/**
 * Quartz keeps its triggers in the shared database (clustered JDBC job store), so that with several
 * workers each trigger fires once across the cluster. The scheduler starts only in the {@code worker}
 * command; other commands use the same store to read and change schedules.
 */
@Configuration(proxyBeanMethods = false)
class QuartzConfiguration {

    @Bean
    SchedulerFactoryBeanCustomizer clusteredJdbcJobStore(DialerSettings settings) {
        return factory -> {
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("org.quartz.scheduler.instanceName", "dialer");
            properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
            properties.setProperty("org.quartz.jobStore.isClustered", "true");
            properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
            // A trigger more than a minute late is misfired (a cron schedule then fires once now, see Schedules):
            // long enough for a worker's restart or a busy moment not to count, short enough that a worker coming
            // back after a night down catches up at once.
            properties.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
            properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
            properties.setProperty("org.quartz.jobStore.driverDelegateClass",
                    settings.database().isH2() ? H2QuartzDelegate.class.getName() : StdJDBCDelegate.class.getName());
            properties.setProperty("org.quartz.threadPool.threadCount", "4");
            factory.setQuartzProperties(properties);
            factory.setWaitForJobsToCompleteOnShutdown(true);
        };
    }
}
