package sa.navaia.dialer.state;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A holiday a statute names, as a rule that gives its date in any year (none in a year it is not held, e.g. an election
 * day of even years only). The date as the statute gives it; {@link HolidayCalendar} adds the days it is observed on.
 */
public record Holiday(String name, IntFunction<Optional<LocalDate>> dateIn) {

    public Holiday {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dateIn, "dateIn");
    }

    /** On the same day every year: {@code fixed("Independence Day", Month.JULY, 4)}. */
    public static Holiday fixed(String name, Month month, int day) {
        return new Holiday(name, year -> Optional.of(LocalDate.of(year, month, day)));
    }

    /** On the nth weekday of a month: {@code nth("Labor Day", 1, DayOfWeek.MONDAY, Month.SEPTEMBER)}. */
    public static Holiday nth(String name, int nth, DayOfWeek weekday, Month month) {
        return new Holiday(name, year -> Optional.of(LocalDate.of(year, month, 1)
                .with(TemporalAdjusters.dayOfWeekInMonth(nth, weekday))));
    }

    /** On the last weekday of a month: {@code last("Memorial Day", DayOfWeek.MONDAY, Month.MAY)}. */
    public static Holiday last(String name, DayOfWeek weekday, Month month) {
        return new Holiday(name, year -> Optional.of(LocalDate.of(year, month, 1).with(TemporalAdjusters.lastInMonth(weekday))));
    }

    /** Some days from Easter Sunday: Good Friday is {@code -2}, Mardi Gras {@code -47}. */
    public static Holiday fromEaster(String name, int days) {
        return new Holiday(name, year -> Optional.of(easterSunday(year).plusDays(days)));
    }

    /** The Tuesday after the first Monday of November, in every year or in even years only. */
    public static Holiday electionDay(String name, boolean evenYearsOnly) {
        return new Holiday(name, year -> evenYearsOnly && year % 2 != 0 ? Optional.empty()
                : Optional.of(LocalDate.of(year, Month.NOVEMBER, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)).plusDays(1)));
    }

    /** The date a year, if the holiday is held that year. */
    public Optional<LocalDate> in(int year) {
        return dateIn.apply(year);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
