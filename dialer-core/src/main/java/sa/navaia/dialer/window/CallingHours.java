package sa.navaia.dialer.window;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The calling-window rule in the recipient's local time. A number that spans several zones (toll-free,
 * some area codes) must be inside the window in every one of them. Local times come from
 * {@link ZonedDateTime}, so daylight-saving changes are honoured.
 */
public final class CallingHours {

    /** How far ahead {@link #nextOpening} looks before giving up. */
    private static final int SEARCH_DAYS = 15;

    private final CallingWindow window;
    private final RegionWindows regionWindows;

    public CallingHours(CallingWindow window, RegionWindows regionWindows) {
        this.window = Objects.requireNonNull(window, "window");
        this.regionWindows = Objects.requireNonNull(regionWindows, "regionWindows");
    }

    /** The window that applies to a region: the campaign's, narrowed by the region's rule if there is one. */
    public CallingWindow windowFor(String regionCode, Optional<String> subdivision) {
        return regionWindows.ruleFor(regionCode, subdivision).map(window::intersect).orElse(window);
    }

    public WindowDecision check(Instant now, List<ZoneId> zones, String regionCode, Optional<String> subdivision) {
        return check(now, zones, windowFor(regionCode, subdivision));
    }

    /** The earliest instant, at or after {@code now}, when every zone is inside the campaign's window. */
    public Optional<Instant> nextOpening(Instant now, List<ZoneId> zones) {
        return nextOpening(now, zones, window, date -> false);
    }

    /** The earliest instant, at or after {@code now}, when every zone is inside the region's window. */
    public Optional<Instant> nextOpening(Instant now, List<ZoneId> zones, String regionCode, Optional<String> subdivision) {
        return nextOpening(now, zones, windowFor(regionCode, subdivision), date -> false);
    }

    /**
     * The earliest instant, at or after {@code now}, when every zone is inside the region's window on a local date that is
     * not closed (a holiday of the recipient's state).
     */
    public Optional<Instant> nextOpening(Instant now, List<ZoneId> zones, String regionCode, Optional<String> subdivision,
                                         Predicate<LocalDate> closed) {
        return nextOpening(now, zones, windowFor(regionCode, subdivision), closed);
    }

    private static WindowDecision check(Instant now, List<ZoneId> zones, CallingWindow window) {
        if (zones.isEmpty()) {
            return new WindowDecision(WindowDecision.Verdict.UNKNOWN_TIME_ZONE, Optional.empty(), Optional.empty(),
                    "The recipient's time zone is unknown, so the calling window cannot be checked.");
        }
        for (ZoneId zone : zones) {
            LocalDateTime local = LocalDateTime.ofInstant(now, zone);
            if (!window.allowsDay(local.getDayOfWeek())) {
                return new WindowDecision(WindowDecision.Verdict.DAY_NOT_ALLOWED, Optional.of(zone), Optional.of(local),
                        "It is " + local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " in " + zone
                                + ", and calls are allowed only on " + days(window) + ".");
            }
            if (!window.containsTime(local.toLocalTime())) {
                return new WindowDecision(WindowDecision.Verdict.OUTSIDE_CALLING_WINDOW, Optional.of(zone), Optional.of(local),
                        hhmm(local) + " in " + zone + " is outside " + window.hours() + ".");
            }
        }
        ZoneId first = zones.get(0);
        LocalDateTime local = LocalDateTime.ofInstant(now, first);
        return new WindowDecision(WindowDecision.Verdict.ALLOWED, Optional.of(first), Optional.of(local),
                hhmm(local) + " in " + first + " is inside " + window.hours()
                        + (zones.size() > 1 ? ", as in all " + zones.size() + " zones of the number." : "."));
    }

    /**
     * The set of instants inside the window in every zone is a union of intervals, each of which begins
     * at {@code now} or at some zone's opening time; so the first candidate that passes is the answer.
     */
    private static Optional<Instant> nextOpening(Instant now, List<ZoneId> zones, CallingWindow window,
                                                 Predicate<LocalDate> closed) {
        if (zones.isEmpty()) {
            return Optional.empty();
        }
        TreeSet<Instant> candidates = new TreeSet<>();
        candidates.add(now);
        for (ZoneId zone : zones) {
            LocalDate today = LocalDate.ofInstant(now, zone);
            for (int day = -1; day <= SEARCH_DAYS; day++) {
                Instant opening = ZonedDateTime.of(today.plusDays(day), window.start(), zone).toInstant();
                if (!opening.isBefore(now)) {
                    candidates.add(opening);
                }
            }
        }
        return candidates.stream().filter(candidate -> check(candidate, zones, window).allowed())
                .filter(candidate -> zones.stream().noneMatch(zone -> closed.test(LocalDate.ofInstant(candidate, zone))))
                .findFirst();
    }

    private static String hhmm(LocalDateTime local) {
        return String.format(Locale.ROOT, "%02d:%02d", local.getHour(), local.getMinute());
    }

    private static String days(CallingWindow window) {
        return window.days().stream().sorted()
                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                .reduce((a, b) -> a + ", " + b).orElse("no day");
    }
}
