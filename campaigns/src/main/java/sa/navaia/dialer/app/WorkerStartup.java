package sa.navaia.dialer.app;

/**
 * Work a worker does once when it starts, before its scheduler fires anything: for example resolving
 * call attempts a crash left in flight, or registering inbox-folder scans.
 */
public interface WorkerStartup {

    void onWorkerStart();
}
