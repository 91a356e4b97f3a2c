package sa.navaia.dialer.state;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The holidays on which a state allows no calls, for any year: the days themselves, and the weekdays on which a holiday
 * that falls on a weekend is observed. Where a statute does not say which of the two it means, both are holidays (the
 * harsher reading).
 *
 * @param source the statutes that name the holidays, cited as a compliance reviewer would look them up
 */
public record HolidayCalendar(List<Holiday> holidays, Set<Observance> observances, String source) {

    /** No holidays: the state names none in its telephone-solicitation rules. */
    public static final HolidayCalendar NONE = new HolidayCalendar(List.of(), Set.of(), "");

    /** How a holiday that falls on a weekend is observed on a weekday, besides the day itself. */
    public enum Observance {
        /** Saturday's on the Friday before, Sunday's on the Monday after: 5 U.S.C. § 6103(b), and most states. */
        FRIDAY_BEFORE_OR_MONDAY_AFTER,
        /** Saturday's and Sunday's both on the Monday after (R.I. Gen. Laws § 25-1-1). */
        MONDAY_AFTER
    }

    /** A holiday on a date: its name, and whether the date is the day it is observed on rather than the day itself. */
    public record Match(String name, boolean observed) {
        public String describe() {
            return observed ? name + " (observed)" : name;
        }
    }

    public HolidayCalendar {
        holidays = List.copyOf(holidays);
        observances = Set.copyOf(observances);
        Objects.requireNonNull(source, "source");
    }

    /** The holiday on this local date, if there is one. */
    public Optional<Match> on(LocalDate date) {
        // A holiday observed on another day can fall in the next or the last year: 1 January on a Saturday is observed on
        // 31 December.
        return holidays.stream().flatMap(holiday -> Stream.of(date.getYear() - 1, date.getYear(), date.getYear() + 1)
                        .flatMap(year -> holiday.in(year).stream())
                        .flatMap(day -> day.equals(date) ? Stream.of(new Match(holiday.name(), false))
                                : observedOn(day).contains(date) ? Stream.of(new Match(holiday.name(), true)) : Stream.empty()))
                .min(Comparator.comparing(Match::observed));
    }

    public boolean isHoliday(LocalDate date) {
        return on(date).isPresent();
    }

    private List<LocalDate> observedOn(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        if (weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY) {
            return List.of();
        }
        return observances.stream().map(observance -> switch (observance) {
            case FRIDAY_BEFORE_OR_MONDAY_AFTER -> weekday == DayOfWeek.SATURDAY ? day.minusDays(1) : day.plusDays(1);
            case MONDAY_AFTER -> day.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        }).toList();
    }
}
