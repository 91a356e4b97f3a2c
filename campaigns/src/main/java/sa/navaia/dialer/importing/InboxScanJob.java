package sa.navaia.dialer.importing;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job that scans the campaigns' inbox folders once per firing. Thin: the work is
 * {@link InboxScanner#scanOnce()}. The trigger is registered by the scheduler set-up
 * ({@code sa.navaia.dialer.schedule}); Spring's job factory passes the scanner in.
 */
@DisallowConcurrentExecution
public class InboxScanJob implements Job {

    private final InboxScanner scanner;

    public InboxScanJob(InboxScanner scanner) {
        this.scanner = scanner;
    }

    @Override
    public void execute(JobExecutionContext context) {
        scanner.scanOnce();
    }
}
