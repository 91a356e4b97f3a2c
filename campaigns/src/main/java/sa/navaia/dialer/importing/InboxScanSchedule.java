package sa.navaia.dialer.importing;

import java.util.Map;
import org.quartz.JobKey;
import org.springframework.stereotype.Component;
import sa.navaia.dialer.app.WorkerStartup;
import sa.navaia.dialer.schedule.Schedules;

/** When a worker starts, the campaigns' inbox folders are scanned every 15 seconds (once across the cluster). */
@Component
class InboxScanSchedule implements WorkerStartup {

    static final JobKey KEY = JobKey.jobKey("inbox-scan", "imports");
    static final int EVERY_SECONDS = 15;

    private final Schedules schedules;

    InboxScanSchedule(Schedules schedules) {
        this.schedules = schedules;
    }

    @Override
    public void onWorkerStart() {
        schedules.scheduleEvery(KEY, InboxScanJob.class, EVERY_SECONDS, Map.of());
    }
}
