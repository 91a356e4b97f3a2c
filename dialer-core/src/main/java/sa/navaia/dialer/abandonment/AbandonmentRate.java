package sa.navaia.dialer.abandonment;

import java.time.Instant;
import java.util.Locale;

/**
 * A campaign's abandonment over a period: of the calls a person answered (answering machines excluded), those that
 * never reached the agent. The FTC's safe harbour (16 CFR 310.4(b)(4)(i)) asks for at most 3 % per campaign over 30 days.
 */
public record AbandonmentRate(long campaignId, int answered, int abandoned, Instant from, Instant to) {

    public double rate() {
        return answered == 0 ? 0 : (double) abandoned / answered;
    }

    public String describe() {
        return String.format(Locale.ROOT, "%.1f %% (%d of %d calls answered by a person, %s to %s)", rate() * 100,
                abandoned, answered, from, to);
    }
}
