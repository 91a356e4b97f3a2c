package sa.navaia.dialer.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import sa.navaia.dialer.app.DialerContext;
import sa.navaia.dialer.app.WorkerStartup;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.ModeBanner;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.db.Migrations;

@Command(name = "worker", description = "Run the scheduler (campaigns dial on their cron schedules, inbox folders are imported) and serve the console and API on DIALER_CONSOLE_PORT, until stopped (Ctrl-C or SIGTERM).")
final class WorkerCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

    @Override
    public Integer call() throws Exception {
        DialerSettings settings = SettingsLoader.fromEnvironment();
        ModeBanner.log(settings);
        try (HikariDataSource dataSource = DataSources.create(settings.database(), "migrate")) {
            log.info(new Migrations(dataSource).migrate().describe());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (ConfigurableApplicationContext context = DialerContext.startWorker(settings)) {
            context.getBeansOfType(WorkerStartup.class).values().forEach(WorkerStartup::onWorkerStart);
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.start();
            log.info("Worker {} started; waiting for schedules. Console and API on port {}.",
                    scheduler.getSchedulerInstanceId(), settings.console().port());
            if (settings.monitoring().workerPort() != 0) {
                log.info("Health and metrics at http://<host>:{}/actuator/health/readiness and /actuator/prometheus",
                        settings.monitoring().workerPort());
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                log.info("Worker stopping: letting running jobs finish.");
                stopped.countDown();
            }));
            stopped.await();
            scheduler.shutdown(true);
        }
        return 0;
    }
}
