package sa.navaia.dialer.webhook.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sa.navaia.dialer.config.TrustedProxies;

class ClientAddressTest {

    @ParameterizedTest(name = "peer {1}, X-Forwarded-For \"{2}\", trusted \"{0}\": {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -                | 203.0.113.5 | 198.51.100.1               | 203.0.113.5
            10.0.0.0/8       | 203.0.113.5 | 198.51.100.1               | 203.0.113.5
            10.0.0.0/8       | 10.0.0.2    | -                          | 10.0.0.2
            10.0.0.0/8       | 10.0.0.2    | 198.51.100.1               | 198.51.100.1
            10.0.0.0/8       | 10.0.0.2    | 1.1.1.1, 198.51.100.1      | 198.51.100.1
            10.0.0.0/8       | 10.0.0.2    | 198.51.100.1, 10.0.0.9     | 198.51.100.1
            10.0.0.0/8       | 10.0.0.2    | 10.0.0.8, 10.0.0.9         | 10.0.0.8
            10.0.0.0/8       | 10.0.0.2    | 1.1.1.1, not-an-ip, 10.0.0.9 | 10.0.0.9
            127.0.0.1,::1    | ::1         | 2001:db8::7                | 2001:db8:0:0:0:0:0:7
            """)
    void theForwardedAddressIsBelievedOnlyFromATrustedProxy(String trusted, String peer, String forwardedFor, String client) {
        List<String> problems = new ArrayList<>();
        TrustedProxies proxies = TrustedProxies.parse(trusted, "DIALER_TRUSTED_PROXIES", problems);
        List<String> headers = forwardedFor == null ? List.of() : List.of(forwardedFor);

        assertThat(ClientAddress.of(new InetSocketAddress(peer, 40000), headers, proxies)).isEqualTo(client);
        assertThat(problems).isEmpty();
    }
}
