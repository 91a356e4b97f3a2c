package sa.navaia.dialer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void showsRowsRateBarAndTimeLeftEstimatedFromBytes() {
        assertThat(ProgressBar.line(120_000, 300, 1000, Duration.ofSeconds(3)))
                .startsWith("120,000 rows  40,000 rows/s  [#########.....................]  30%  ~7 s left");
    }

    @Test
    void estimatesNothingBeforeTheFirstBytes() {
        assertThat(ProgressBar.line(0, 0, 1000, Duration.ZERO)).contains("0 rows/s").contains("estimating");
    }
}
