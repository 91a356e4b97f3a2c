package sa.navaia.dialer.sandbox;

import java.util.List;
import java.util.Set;

/**
 * The parameters of one accepted create-call request. URLs keep their connection-override fragment ({@code #rc=…});
 * it is read and stripped when each request is sent.
 *
 * @param machineDetection {@code Enable}, {@code DetectMessageEnd} or null (no detection)
 * @param warnings         Twilio warnings the request raised (e.g. 21626 for an invalid {@code StatusCallbackEvent})
 */
record CallRequest(
        String to,
        String from,
        String url,
        String method,
        String fallbackUrl,
        String fallbackMethod,
        String statusCallback,
        String statusCallbackMethod,
        Set<String> statusCallbackEvents,
        String machineDetection,
        int machineDetectionTimeoutSeconds,
        boolean asyncAmd,
        String asyncAmdStatusCallback,
        String asyncAmdStatusCallbackMethod,
        int timeoutSeconds,
        List<Integer> warnings) {

    CallRequest {
        statusCallbackEvents = Set.copyOf(statusCallbackEvents);
        warnings = List.copyOf(warnings);
    }

    boolean detectsMachines() {
        return machineDetection != null;
    }
}
