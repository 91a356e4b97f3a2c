package sa.navaia.dialer.state;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import sa.navaia.dialer.window.CallingWindow;

/**
 * The US state rules the dialer applies to every campaign, on top of the campaign's own window (a rule only ever
 * narrows it). Each row cites its source; review them with counsel before relying on them, and add a state here (with
 * its source) rather than in a campaign's {@code region_windows} when the law, not the campaign, demands it. Holidays a
 * state names are not modelled yet: a campaign that calls such a state on its holidays must leave those days out itself.
 */
public final class StateRules {

    private static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);
    private static final Set<DayOfWeek> NOT_SUNDAY = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY);

    /** The table, one row per state. */
    public static final List<StateRule> US = List.of(
            rule("US-FL", 8, 20, EVERY_DAY, 3, "Fla. Stat. § 501.616(6) (Florida Telephone Solicitation Act): 8 a.m.–8 p.m.,"
                    + " at most 3 calls in 24 hours on the same subject"),
            rule("US-MD", 8, 20, EVERY_DAY, 3, "Md. Code, Com. Law § 14-4502 (Stop the Spam Calls Act of 2023): 8 a.m.–8 p.m.,"
                    + " at most 3 calls in 24 hours on the same subject"),
            rule("US-OK", 8, 20, EVERY_DAY, 3, "Okla. Stat. tit. 15, § 775C.4 (Telephone Solicitation Act of 2022):"
                    + " 8 a.m.–8 p.m., at most 3 calls in 24 hours on the same subject"),
            rule("US-MS", 8, 20, NOT_SUNDAY, 0, "Miss. Code Ann. § 77-3-723 (Mississippi Telephone Solicitation Act):"
                    + " 8 a.m.–8 p.m., no calls on Sunday"));

    private StateRules() {
    }

    /** The rule for the recipient's state ({@code US-OK}), if the table has one. */
    public static Optional<StateRule> forSubdivision(Optional<String> subdivision) {
        return subdivision.map(s -> s.toUpperCase(Locale.ROOT))
                .flatMap(code -> US.stream().filter(rule -> rule.subdivision().equals(code)).findFirst());
    }

    private static StateRule rule(String subdivision, int fromHour, int toHour, Set<DayOfWeek> days, int cap, String source) {
        return new StateRule(subdivision, new CallingWindow(LocalTime.of(fromHour, 0), LocalTime.of(toHour, 0), days),
                cap == 0 ? OptionalInt.empty() : OptionalInt.of(cap), source);
    }
}
