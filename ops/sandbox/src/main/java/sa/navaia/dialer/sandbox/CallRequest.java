package sa.navaia.dialer.sandbox;

import java.util.Set;

/** The parameters of one accepted create-call request. */
record CallRequest(
        String to,
        String from,
        String url,
        String method,
        String statusCallback,
        String statusCallbackMethod,
        Set<String> statusCallbackEvents,
        boolean machineDetection,
        int timeoutSeconds) {
}
