package sa.navaia.dialer.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.Migrations;

/**
 * The worker's own health contributors, besides Boot's {@code db} (the database answers): {@code migrations} (down while
 * the database's schema is behind this build's migrations) and {@code quartzCluster} (this worker's scheduler runs and
 * checks in to the cluster). Both are in the readiness group ({@code application.properties}), so they exist in every
 * context, served or not: Boot refuses to start with a group naming a missing contributor.
 */
@Configuration(proxyBeanMethods = false)
class WorkerHealth {

    /** Quartz's clustered job store checks in every 5 s (QuartzConfiguration); three missed check-ins: gone. */
    static final Duration CHECK_IN_LIMIT = Duration.ofSeconds(15);

    private static final String MEMBERS = """
            SELECT INSTANCE_NAME, LAST_CHECKIN_TIME FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = :scheduler""";

    record Member(String instance, long lastCheckInMillis) {
    }

    @Bean
    HealthIndicator migrationsHealthIndicator(DataSource dataSource) {
        return () -> {
            Migrations migrations = new Migrations(dataSource);
            int pending = migrations.pendingCount();
            Health.Builder health = pending == 0 ? Health.up() : Health.down();
            return health.withDetail("schemaVersion", migrations.currentVersion()).withDetail("pending", pending).build();
        };
    }

    @Bean
    HealthIndicator quartzClusterHealthIndicator(Scheduler scheduler, DataSource dataSource, Clock clock) {
        return () -> {
            try {
                String instance = scheduler.getSchedulerInstanceId();
                List<Member> members = members(dataSource, scheduler.getSchedulerName());
                long now = clock.millis();
                List<String> alive = members.stream()
                        .filter(m -> now - m.lastCheckInMillis() <= CHECK_IN_LIMIT.toMillis()).map(Member::instance).toList();
                boolean running = scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
                Health.Builder health = running && alive.contains(instance) ? Health.up() : Health.down();
                return health.withDetail("instance", instance).withDetail("schedulerRunning", running)
                        .withDetail("membersCheckedIn", alive.size()).build();
            } catch (SchedulerException e) {
                return Health.down(e).build();
            }
        };
    }

    static List<Member> members(DataSource dataSource, String scheduler) {
        return JdbcClient.create(dataSource).sql(MEMBERS).param("scheduler", scheduler)
                .query((rs, row) -> new Member(rs.getString(1), rs.getLong(2))).list();
    }
}
