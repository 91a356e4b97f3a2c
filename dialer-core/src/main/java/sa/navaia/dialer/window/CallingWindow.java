package sa.navaia.dialer.window;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The local hours in which a recipient may be called: from {@code start} (inclusive) to {@code end}
 * (exclusive), on the allowed days. A window never crosses midnight.
 */
public record CallingWindow(LocalTime start, LocalTime end, Set<DayOfWeek> days) {

    /** 08:00 to 21:00, every day. */
    public static final CallingWindow DEFAULT = new CallingWindow(LocalTime.of(8, 0), LocalTime.of(21, 0), EnumSet.allOf(DayOfWeek.class));

    public CallingWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("A calling window must start before it ends and may not cross midnight; got " + start + "-" + end + ".");
        }
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("A calling window needs at least one allowed day.");
        }
        days = Set.copyOf(days);
    }

    /** Parses {@code 08:00-21:00}: every day of the week. */
    public static CallingWindow parse(String hours) {
        return parse(hours, EnumSet.allOf(DayOfWeek.class));
    }

    /** Parses {@code 08:00-21:00} with the given days. */
    public static CallingWindow parse(String hours, Set<DayOfWeek> days) {
        String[] parts = hours.strip().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("\"" + hours + "\" is not a calling window; expected HH:MM-HH:MM, e.g. 08:00-21:00.");
        }
        try {
            return new CallingWindow(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()), days);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + hours + "\" is not a calling window; expected HH:MM-HH:MM with 24-hour times, e.g. 08:00-21:00.", e);
        }
    }

    public boolean allowsDay(DayOfWeek day) {
        return days.contains(day);
    }

    public boolean containsTime(LocalTime time) {
        return !time.isBefore(start) && time.isBefore(end);
    }

    public boolean contains(LocalDateTime local) {
        return allowsDay(local.getDayOfWeek()) && containsTime(local.toLocalTime());
    }

    /** The window inside both this and {@code other}: later start, earlier end, common days. */
    public CallingWindow intersect(CallingWindow other) {
        LocalTime from = start.isAfter(other.start) ? start : other.start;
        LocalTime to = end.isBefore(other.end) ? end : other.end;
        EnumSet<DayOfWeek> common = EnumSet.noneOf(DayOfWeek.class);
        common.addAll(days);
        common.retainAll(other.days);
        if (!from.isBefore(to) || common.isEmpty()) {
            throw new IllegalArgumentException("The calling windows " + this.hours() + " and " + other.hours() + " do not overlap.");
        }
        return new CallingWindow(from, to, common);
    }

    /** {@code 08:00-21:00}. */
    public String hours() {
        return start + "-" + end;
    }
}
