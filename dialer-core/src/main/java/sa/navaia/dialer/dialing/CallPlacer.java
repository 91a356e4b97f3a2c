package sa.navaia.dialer.dialing;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import sa.navaia.dialer.twilio.ConnectionOverrides;

/**
 * Places one outbound call with the Twilio SDK: {@code Url = API_URL/api/twilio/connect/{session}?campaign={id}},
 * {@code StatusCallback = API_URL/api/twilio/status/{session}} with all four events,
 * {@code FallbackUrl = API_URL/api/twilio/error}, each with Twilio's connection overrides
 * ({@link ConnectionOverrides}: retried when the receiver cannot answer), machine detection
 * as the campaign says, and a ring timeout. It never retries: a create-call is not idempotent, so a
 * request without a clear answer comes back {@link PlaceResult.Unknown} for {@link AttemptResolver}.
 */
public final class CallPlacer {

    public static final List<String> STATUS_EVENTS = List.of("initiated", "ringing", "answered", "completed");
    public static final int RING_TIMEOUT_SECONDS = 30;

    private final TwilioRestClient client;
    private final String apiUrl;

    /** @param apiUrl the receiver's public origin ({@code API_URL}), where Twilio fetches TwiML and posts callbacks */
    public CallPlacer(TwilioRestClient client, URI apiUrl) {
        this.client = Objects.requireNonNull(client, "client");
        String text = apiUrl.toString();
        this.apiUrl = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * The call's TwiML URL; the session id in its path is how a listed call is recognised as ours. It names the campaign
     * so that a receiver that cannot read the session (its database is away) still says the campaign's identification
     * message when no agent is reached.
     */
    public URI connectUrl(String sessionId, long campaignId) {
        return URI.create(ConnectionOverrides.withOverrides(apiUrl + "/api/twilio/connect/" + sessionId + "?campaign="
                + campaignId));
    }

    public URI statusUrl(String sessionId) {
        return URI.create(ConnectionOverrides.withOverrides(apiUrl + "/api/twilio/status/" + sessionId));
    }

    /** Where Twilio goes when the connect URL fails after its retries: the receiver apologises and records the error. */
    public URI fallbackUrl() {
        return URI.create(ConnectionOverrides.withOverrides(apiUrl + "/api/twilio/error"));
    }

    /**
     * Opens a connection to the API with a harmless one-call list request, so the run's first create-call
     * does not pay the connection (and TLS) set-up after its token: a request that reaches Twilio late
     * would bunch up with the next one and crowd one second above the rate. A failure here only loses
     * the head start.
     */
    public void warmUp() {
        try {
            Call.reader().pageSize(1).firstPage(client);
        } catch (RuntimeException e) {
            // the first call will open the connection itself
        }
    }

    public PlaceResult place(String to, String from, String sessionId, long campaignId, String machineDetection) {
        try {
            var creator = Call.creator(new PhoneNumber(to), new PhoneNumber(from), connectUrl(sessionId, campaignId))
                    .setFallbackUrl(fallbackUrl())
                    .setStatusCallback(statusUrl(sessionId))
                    .setStatusCallbackEvent(STATUS_EVENTS)
                    .setTimeout(RING_TIMEOUT_SECONDS);
            if (machineDetection != null && !machineDetection.isBlank() && !"None".equalsIgnoreCase(machineDetection)) {
                creator.setMachineDetection(machineDetection);
            }
            Call call = creator.create(client);
            return new PlaceResult.Placed(call.getSid());
        } catch (ApiConnectionException e) {
            return new PlaceResult.Unknown("No answer from Twilio: " + e.getMessage());
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            if (status != null && status >= 400 && status < 500 && status != 408) {
                return new PlaceResult.Refused(status, e.getCode() == null ? String.valueOf(status) : e.getCode().toString(),
                        e.getMessage());
            }
            return new PlaceResult.Unknown("Twilio answered " + status + " (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            return new PlaceResult.Unknown("The create-call request failed without an answer: " + e);
        }
    }
}
