package sa.navaia.dialer.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.constant.EnumConstants;
import com.twilio.http.HttpMethod;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import sa.navaia.dialer.config.TwilioSettings;

class OriginRewritingHttpClientTest {

    private final OriginRewritingHttpClient client = (OriginRewritingHttpClient) TwilioClients.httpClient(
            URI.create("http://127.0.0.1:8010/"));

    @Test
    void rewritesTheOriginAndKeepsEverythingElse() {
        Request original = new Request(HttpMethod.POST,
                "https://api.twilio.com/2010-04-01/Accounts/AC1/Calls.json");
        original.addQueryParam("PageSize", "5");
        original.addPostParam("StatusCallbackEvent", "initiated");
        original.addPostParam("StatusCallbackEvent", "completed");
        original.addHeaderParam("X-Custom", "yes");
        original.setContentType(EnumConstants.ContentType.FORM_URLENCODED);
        original.setAuth("AC1", "secret-token");

        Request rewritten = client.rewrite(original);

        assertThat(rewritten.getUrl()).isEqualTo("http://127.0.0.1:8010/2010-04-01/Accounts/AC1/Calls.json");
        assertThat(rewritten.getMethod()).isEqualTo(HttpMethod.POST);
        assertThat(rewritten.getQueryParams()).containsEntry("PageSize", List.of("5"));
        assertThat(rewritten.getPostParams()).containsEntry("StatusCallbackEvent", List.of("initiated", "completed"));
        assertThat(rewritten.getHeaderParams()).containsEntry("X-Custom", List.of("yes"));
        assertThat(rewritten.getContentType()).isEqualTo(EnumConstants.ContentType.FORM_URLENCODED);
        assertThat(rewritten.getUsername()).isEqualTo("AC1");
        assertThat(rewritten.getPassword()).isEqualTo("secret-token");
        assertThat(rewritten.requiresAuthentication()).isTrue();
    }

    @Test
    void liveOriginUsesThePlainNetworkClient() {
        assertThat(TwilioClients.httpClient(TwilioSettings.LIVE_ORIGIN))
                .isExactlyInstanceOf(NetworkHttpClient.class);
    }
}
