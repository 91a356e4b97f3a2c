package sa.navaia.dialer.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import sa.navaia.dialer.config.TwilioSettings;

/**
 * Builds the Twilio REST client for the configured API origin. Live and sandbox differ only in the
 * origin: calling code never asks which one it talks to.
 */
public final class TwilioClients {

    static final Timeout CONNECT_TIMEOUT = Timeout.of(5, TimeUnit.SECONDS);
    static final Timeout READ_TIMEOUT = Timeout.of(30, TimeUnit.SECONDS);
    static final int MAX_CONNECTIONS = 64;

    private TwilioClients() {
    }

    public static TwilioRestClient create(TwilioSettings settings) {
        return new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
                .httpClient(httpClient(settings.apiOrigin()))
                .build();
    }

    static HttpClient httpClient(URI apiOrigin) {
        if (isLive(apiOrigin)) {
            return new NetworkHttpClient(apacheClient());
        }
        return new OriginRewritingHttpClient(apiOrigin, apacheClient());
    }

    /** Bounded connect and read times, and a pool large enough for the placer's concurrent calls. */
    private static HttpClientBuilder apacheClient() {
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(CONNECT_TIMEOUT)
                .setSocketTimeout(READ_TIMEOUT)
                .build();
        return HttpClientBuilder.create()
                .useSystemProperties()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connections)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(CONNECT_TIMEOUT)
                        .setResponseTimeout(READ_TIMEOUT)
                        .build());
    }

    private static boolean isLive(URI apiOrigin) {
        return TwilioSettings.LIVE_ORIGIN.equals(stripTrailingSlash(apiOrigin));
    }

    static URI stripTrailingSlash(URI origin) {
        String text = origin.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : origin;
    }
}
