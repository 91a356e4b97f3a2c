package sa.navaia.dialer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustedProxiesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/8,192.168.1.7   | 10.200.3.4      | true
            10.0.0.0/8,192.168.1.7   | 11.0.0.1        | false
            10.0.0.0/8,192.168.1.7   | 192.168.1.7     | true
            10.0.0.0/8,192.168.1.7   | 192.168.1.8     | false
            172.16.0.0/12            | 172.31.255.255  | true
            172.16.0.0/12            | 172.32.0.0      | false
            fd00::/8                 | fd12:3456::1    | true
            fd00::/8                 | fe80::1         | false
            ::1                      | ::1             | true
            127.0.0.1                | ::1             | false
            0.0.0.0/0                | 203.0.113.9     | true
            """)
    void anAddressIsTrustedOnlyInsideAConfiguredRange(String setting, String address, boolean trusted) {
        List<String> problems = new ArrayList<>();
        TrustedProxies proxies = TrustedProxies.parse(setting, "DIALER_TRUSTED_PROXIES", problems);

        assertThat(problems).isEmpty();
        assertThat(proxies.contains(TrustedProxies.literal(address).orElseThrow())).isEqualTo(trusted);
    }

    @ParameterizedTest
    @CsvSource({"proxy.example.com", "10.0.0.1/x", "::1/129", "10.0.0", "1.2.3.4.5"})
    void aHostNameOrAMalformedRangeIsRefusedNotLookedUp(String entry) {
        List<String> problems = new ArrayList<>();

        TrustedProxies.parse(entry, "DIALER_TRUSTED_PROXIES", problems);

        assertThat(problems).singleElement().asString().contains("\"" + entry + "\" is neither");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/8, 192.168.1.7 | 10.0.0.0/8,192.168.1.7/32
            fd00::/8                | fd00:0:0:0:0:0:0:0/8
            ''                      | ''
            """)
    void theRangesAreGivenToTomcatAsCidrsEachWithItsPrefix(String setting, String cidrs) {
        assertThat(TrustedProxies.parse(setting, "DIALER_TRUSTED_PROXIES", new ArrayList<>()).cidrList()).isEqualTo(cidrs);
    }
}
