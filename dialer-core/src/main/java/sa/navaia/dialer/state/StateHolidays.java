package sa.navaia.dialer.state;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static sa.navaia.dialer.state.Holiday.fixed;
import static sa.navaia.dialer.state.Holiday.fromEaster;
import static sa.navaia.dialer.state.Holiday.last;
import static sa.navaia.dialer.state.Holiday.nth;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import sa.navaia.dialer.state.HolidayCalendar.Observance;

/**
 * The holidays of the states whose telephone-solicitation rules forbid calls on them, one list per state, each beside
 * the statute that names it. Where a rule says only "holidays" or "legal holidays", the state's legal holidays and the
 * federal ones both count (the harsher reading), and a weekend holiday is a holiday on the day itself and on the day it
 * is observed. Holidays a governor or president proclaims for one year are not here: add them to the list of that year
 * by hand when they are proclaimed.
 */
public final class StateHolidays {

    /** The federal legal public holidays, 5 U.S.C. § 6103(a); a weekend one is observed on the Friday before or the Monday after (§ 6103(b)). */
    static final List<Holiday> FEDERAL = List.of(
            fixed("New Year's Day", Month.JANUARY, 1),
            nth("Birthday of Martin Luther King, Jr.", 3, MONDAY, Month.JANUARY),
            nth("Washington's Birthday", 3, MONDAY, Month.FEBRUARY),
            last("Memorial Day", MONDAY, Month.MAY),
            fixed("Juneteenth National Independence Day", Month.JUNE, 19),
            fixed("Independence Day", Month.JULY, 4),
            nth("Labor Day", 1, MONDAY, Month.SEPTEMBER),
            nth("Columbus Day", 2, MONDAY, Month.OCTOBER),
            fixed("Veterans Day", Month.NOVEMBER, 11),
            nth("Thanksgiving Day", 4, THURSDAY, Month.NOVEMBER),
            fixed("Christmas Day", Month.DECEMBER, 25));

    /**
     * Ala. Code § 1-3-8(a), (b) (Juneteenth added by the 2024 Act): beside the federal days, Confederate Memorial Day and
     * Jefferson Davis' birthday; a Saturday holiday is observed on the Friday, a Sunday one on the Monday. Mardi Gras is
     * a holiday in Baldwin and Mobile counties only; the dialer does not know the county, so it applies statewide.
     * Thanksgiving is "the day designated by the Governor": the fourth Thursday of November unless proclaimed otherwise.
     */
    public static final HolidayCalendar ALABAMA = new HolidayCalendar(with(FEDERAL,
            nth("Confederate Memorial Day", 4, MONDAY, Month.APRIL),
            nth("Jefferson Davis' birthday", 1, MONDAY, Month.JUNE),
            fromEaster("Mardi Gras (Baldwin and Mobile counties, applied statewide)", -47)),
            EnumSet.of(Observance.FRIDAY_BEFORE_OR_MONDAY_AFTER),
            "Ala. Code § 1-3-8 and 5 U.S.C. § 6103, read together");

    /**
     * La. R.S. § 1:55(A)(1), the days of public rest and legal holidays statewide, beside the federal ones: the Battle of
     * New Orleans, Mardi Gras, Good Friday, Huey P. Long Day, All Saints' Day, and the general election day of even years.
     * Not here: Inauguration Day (the city of Baton Rouge only), the Saturdays that § 1:55 makes holidays in some
     * parishes (the Public Service Commission's holiday list does not include them), and days the governor proclaims.
     * Weekend holidays on the Friday before and the Monday after, as the federal ones (the statute's own rule covers
     * only some days; the harsher reading applies it to all).
     */
    public static final HolidayCalendar LOUISIANA = new HolidayCalendar(with(FEDERAL,
            fixed("Battle of New Orleans", Month.JANUARY, 8),
            fromEaster("Mardi Gras", -47),
            fromEaster("Good Friday", -2),
            fixed("Huey P. Long Day", Month.AUGUST, 30),
            fixed("All Saints' Day", Month.NOVEMBER, 1),
            Holiday.electionDay("General election day", true)),
            EnumSet.of(Observance.FRIDAY_BEFORE_OR_MONDAY_AFTER),
            "La. R.S. § 1:55 and 5 U.S.C. § 6103, read together");

    /**
     * 44 P.S. § 11, the legal holidays, beside the federal ones: Good Friday, Flag Day, and Election Day (every year: the
     * harsher reading, as Pennsylvania holds an election each November). Not modelled: § 11's Saturday afternoon
     * half-holiday; a calling window cannot narrow one day's hours alone (see the README's limits).
     */
    public static final HolidayCalendar PENNSYLVANIA = new HolidayCalendar(with(FEDERAL,
            fromEaster("Good Friday", -2),
            fixed("Flag Day", Month.JUNE, 14),
            Holiday.electionDay("Election Day", false)),
            EnumSet.of(Observance.FRIDAY_BEFORE_OR_MONDAY_AFTER),
            "44 P.S. § 11 and 5 U.S.C. § 6103, read together");

    /**
     * R.I. Gen. Laws § 25-1-1, beside the federal days (§ 5-61-2(2) names "a state or federal holiday"): Rhode Island
     * Independence Day, Victory Day, and the election day of the years of a general election of state officers (even
     * years). The state observes a weekend holiday on the Monday after, the federal government a Saturday one on the
     * Friday before: all three days are holidays.
     */
    public static final HolidayCalendar RHODE_ISLAND = new HolidayCalendar(with(FEDERAL,
            fixed("Rhode Island Independence Day", Month.MAY, 4),
            nth("Victory Day", 2, MONDAY, Month.AUGUST),
            Holiday.electionDay("Election day", true)),
            EnumSet.of(Observance.FRIDAY_BEFORE_OR_MONDAY_AFTER, Observance.MONDAY_AFTER),
            "R.I. Gen. Laws § 25-1-1 and 5 U.S.C. § 6103, read together");

    /**
     * Utah Code § 63G-1-301(1), (2), beside the federal days: Pioneer Day, Good Friday, and Juneteenth National Freedom
     * Day, which Utah observes on a Monday (the one before a Tuesday-to-Friday 19 June, the one after a weekend one):
     * both 19 June and that Monday are holidays. A weekend fixed-date holiday is observed on the Friday before or the
     * Monday after. Easter Sunday is a Sunday, when no call may go in Utah anyway.
     */
    public static final HolidayCalendar UTAH = new HolidayCalendar(with(FEDERAL,
            fixed("Pioneer Day", Month.JULY, 24),
            fromEaster("Good Friday", -2),
            new Holiday("Juneteenth National Freedom Day (Utah's Monday)", StateHolidays::utahJuneteenthMonday)),
            EnumSet.of(Observance.FRIDAY_BEFORE_OR_MONDAY_AFTER),
            "Utah Code § 63G-1-301 and 5 U.S.C. § 6103, read together");

    private StateHolidays() {
    }

    private static List<Holiday> with(List<Holiday> base, Holiday... more) {
        return Stream.concat(base.stream(), Stream.of(more)).toList();
    }

    private static Optional<LocalDate> utahJuneteenthMonday(int year) {
        LocalDate juneteenth = LocalDate.of(year, Month.JUNE, 19);
        Set<DayOfWeek> weekend = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        return Optional.of(weekend.contains(juneteenth.getDayOfWeek())
                ? juneteenth.with(TemporalAdjusters.next(MONDAY)) : juneteenth.with(TemporalAdjusters.previousOrSame(MONDAY)));
    }
}
