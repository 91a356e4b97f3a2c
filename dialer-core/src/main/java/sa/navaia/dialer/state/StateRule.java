package sa.navaia.dialer.state;

import java.util.Objects;
import java.util.OptionalInt;
import sa.navaia.dialer.window.CallingWindow;

/**
 * A US state's telemarketing rule, applied in the recipient's state: its calling hours (and days), and how many calls
 * a number may get in any 24 hours, counted across every campaign of the account and calls placed through the API.
 * Where a statute counts calls "on the same subject", every call is counted: the dialer does not know two campaigns'
 * subjects apart, so it takes the harsher reading.
 *
 * @param subdivision ISO 3166-2 code, e.g. {@code US-OK}
 * @param source      the statute, cited as a compliance reviewer would look it up
 */
public record StateRule(String subdivision, CallingWindow window, OptionalInt maxCallsPer24Hours, String source) {

    public StateRule {
        Objects.requireNonNull(subdivision, "subdivision");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(maxCallsPer24Hours, "maxCallsPer24Hours");
        Objects.requireNonNull(source, "source");
    }

    /** The state's two letters, as skip reasons name them ({@code state_frequency_cap_OK}). */
    public String state() {
        return subdivision.substring(subdivision.indexOf('-') + 1);
    }
}
