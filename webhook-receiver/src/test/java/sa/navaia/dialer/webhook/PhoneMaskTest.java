package sa.navaia.dialer.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneMaskTest {

    @Test
    void masksLikeTheSeedsLogs() {
        assertThat(PhoneMask.mask("+19383362295")).isEqualTo("+1938***2295");
        assertThat(PhoneMask.mask(null)).isEqualTo("(none)");
        assertThat(PhoneMask.mask("+12345")).doesNotContain("2345");
    }
}
