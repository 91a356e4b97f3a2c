package sa.navaia.dialer.webhook.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SourceRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter time = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    @Test
    void eachSourceGetsItsOwnBudgetThatRefillsWithTime() {
        SourceRateLimiter limiter = new SourceRateLimiter(3, time);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
        assertThat(limiter.tryAcquire("10.0.0.2")).as("another source").isTrue();

        nanos.addAndGet(1_000_000_000L);
        assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
    }
}
