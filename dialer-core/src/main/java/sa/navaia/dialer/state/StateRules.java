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
 * its source) rather than in a campaign's {@code region_windows} when the law, not the campaign, demands it. The holidays
 * of a state whose rule forbids calls on them are in {@link StateHolidays}, beside their own sources.
 *
 * <p>Exemptions a statute grants (prior express consent, an established business relationship) are not applied: every
 * call of every campaign follows the row (the harsher reading).
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
            // Legal holidays no longer: the Public Service Commission's rule that forbade them (39 Miss. Admin. Code Pt. I,
            // R. 1:28) was repealed when enforcement moved to the Attorney General (HB 1225, 2023); the statute names Sunday only.
            rule("US-MS", 8, 20, NOT_SUNDAY, 0, "Miss. Code Ann. § 77-3-723 (Mississippi Telephone Solicitation Act):"
                    + " 8 a.m.–8 p.m., no calls on Sunday"),
            // Written for automated calls ("live and automated" in its title), in the Commission's rules for telephone
            // service providers (some read it as binding carriers only); an AI agent speaks with an artificial voice, and
            // the harsher reading applies it to every call.
            rule("US-AL", 8, 20, NOT_SUNDAY, 0, "Ala. Admin. Code r. 770-X-5-.17(1)(b) (Alabama Public Service Commission):"
                    + " 8 a.m.–8 p.m., no calls on Sundays or holidays", StateHolidays.ALABAMA),
            rule("US-LA", 8, 20, NOT_SUNDAY, 0, "La. R.S. § 45:811(2), (3) (Consumer Telemarketing Protection Act, live"
                    + " operators and automated equipment alike) and LPSC General Order R-29617 § V(A)(2): 8 a.m.–8 p.m."
                    + " Monday to Saturday, no calls on Sundays or legal holidays", StateHolidays.LOUISIANA),
            // (a)(10) came with Act 73 of 2019 (HB 318), in force 3 December 2019; its wording here is from the Jenkins Law
            // Library's and Mac Murray & Shuster's notes of the Act and the Attorney General's announcement, not the section's
            // text: review it with counsel.
            rule("US-PA", 8, 21, EVERY_DAY, 0, "73 P.S. § 2245(a)(1), (a)(10) (Telemarketer Registration Act, as amended by"
                    + " Act 73 of 2019): 8 a.m.–9 p.m., no telephone solicitation calls on legal holidays",
                    StateHolidays.PENNSYLVANIA),
            // The statute's hours are 9 a.m.–6 p.m. Monday to Friday and 10 a.m.–5 p.m. on Saturday; one window serves
            // every day, so it is the narrower of the two (harsher). Its holiday exception names weekdays only; the
            // harsher reading applies it on Saturdays too.
            rule("US-RI", 10, 17, NOT_SUNDAY, 0, "R.I. Gen. Laws § 5-61-2(2) and § 5-61-3.6 (Telephone Sales Solicitation"
                    + " Act): 9 a.m.–6 p.m. Monday to Friday except a state or federal holiday, 10 a.m.–5 p.m. Saturday,"
                    + " applied as 10 a.m.–5 p.m.", StateHolidays.RHODE_ISLAND),
            rule("US-UT", 8, 21, NOT_SUNDAY, 0, "Utah Code § 13-25a-103(3) (Telephone and Facsimile Solicitation Act):"
                    + " not between 9 p.m. and 8 a.m., on a Sunday or on a legal holiday", StateHolidays.UTAH));

    private StateRules() {
    }

    /** The rule for the recipient's state ({@code US-OK}), if the table has one. */
    public static Optional<StateRule> forSubdivision(Optional<String> subdivision) {
        return subdivision.map(s -> s.toUpperCase(Locale.ROOT))
                .flatMap(code -> US.stream().filter(rule -> rule.subdivision().equals(code)).findFirst());
    }

    private static StateRule rule(String subdivision, int fromHour, int toHour, Set<DayOfWeek> days, int cap, String source) {
        return rule(subdivision, fromHour, toHour, days, cap, source, HolidayCalendar.NONE);
    }

    private static StateRule rule(String subdivision, int fromHour, int toHour, Set<DayOfWeek> days, int cap, String source,
                                  HolidayCalendar holidays) {
        return new StateRule(subdivision, new CallingWindow(LocalTime.of(fromHour, 0), LocalTime.of(toHour, 0), days),
                cap == 0 ? OptionalInt.empty() : OptionalInt.of(cap), source, holidays);
    }
}
