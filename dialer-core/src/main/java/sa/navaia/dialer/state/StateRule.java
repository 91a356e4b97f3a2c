package sa.navaia.dialer.state;

import java.util.Objects;
import java.util.OptionalInt;
import sa.navaia.dialer.window.CallingWindow;

/**
 * A US state's telemarketing rule, applied in the recipient's state: its calling hours (and days), how many calls a
 * number may get in any 24 hours, counted across every campaign of the account and calls placed through the API, and
 * the holidays on which it allows no calls, on the recipient's local date.
 * Where a statute counts calls "on the same subject", every call is counted: the dialer does not know two campaigns'
 * subjects apart, so it takes the harsher reading.
 *
 * @param subdivision ISO 3166-2 code, e.g. {@code US-OK}
 * @param source      the statute, cited as a compliance reviewer would look it up
 * @param holidays    the holidays it allows no calls on ({@link HolidayCalendar#NONE} when it names none)
 */
public record StateRule(String subdivision, CallingWindow window, OptionalInt maxCallsPer24Hours, String source,
                        HolidayCalendar holidays) {

    public StateRule {
        Objects.requireNonNull(subdivision, "subdivision");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(maxCallsPer24Hours, "maxCallsPer24Hours");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(holidays, "holidays");
    }

    /** The rule without holidays, for a state that names none. */
    public StateRule(String subdivision, CallingWindow window, OptionalInt maxCallsPer24Hours, String source) {
        this(subdivision, window, maxCallsPer24Hours, source, HolidayCalendar.NONE);
    }

    /** The state's two letters, as skip reasons name them ({@code state_frequency_cap_OK}). */
    public String state() {
        return subdivision.substring(subdivision.indexOf('-') + 1);
    }
}
