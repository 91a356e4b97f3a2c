package sa.navaia.dialer.config;

/**
 * The management ports, where each process serves its health and Prometheus endpoints: the worker's
 * ({@code DIALER_METRICS_PORT}) and the receiver's ({@code DIALER_RECEIVER_METRICS_PORT}); 0 serves none.
 */
public record MonitoringSettings(int workerPort, int receiverPort) {
}
