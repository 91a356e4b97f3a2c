package sa.navaia.dialer.window;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stricter calling windows for some regions ({@code SA}) or subdivisions ({@code US-FL}), written as
 * {@code US-FL=08:00-20:00;US-TX=09:00-21:00;SA=09:00-21:00/SAT-THU}. The optional {@code /DAYS} part is a
 * range ({@code MON-FRI}, wrapping allowed) or a comma list ({@code MON,WED}); without it every day is
 * allowed. A rule only ever narrows the campaign's window (see {@link CallingHours}). A subdivision rule
 * wins over its region's rule.
 */
public record RegionWindows(Map<String, CallingWindow> rules) {

    public static final RegionWindows NONE = new RegionWindows(Map.of());

    private static final Pattern KEY = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

    public RegionWindows {
        rules = Map.copyOf(rules);
    }

    public static RegionWindows parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, CallingWindow> rules = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] keyAndWindow = entry.split("=", 2);
            if (keyAndWindow.length != 2) {
                throw new IllegalArgumentException("\"" + entry.strip() + "\" is not a region rule; expected REGION=HH:MM-HH:MM,"
                        + " e.g. US-FL=08:00-20:00.");
            }
            String key = keyAndWindow[0].strip().toUpperCase(Locale.ROOT);
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("\"" + keyAndWindow[0].strip() + "\" in \"" + entry.strip()
                        + "\" is not a region; expected a country code (SA) or a subdivision code (US-FL).");
            }
            String[] hoursAndDays = keyAndWindow[1].split("/", 2);
            Set<DayOfWeek> days = hoursAndDays.length == 2 ? days(hoursAndDays[1], entry) : EnumSet.allOf(DayOfWeek.class);
            CallingWindow window;
            try {
                window = CallingWindow.parse(hoursAndDays[0], days);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("In region rule \"" + entry.strip() + "\": " + e.getMessage(), e);
            }
            if (rules.put(key, window) != null) {
                throw new IllegalArgumentException("Region " + key + " has two rules in \"" + text + "\"; keep one.");
            }
        }
        return new RegionWindows(rules);
    }

    /** The rule for the subdivision if there is one, else for the region. */
    public Optional<CallingWindow> ruleFor(String regionCode, Optional<String> subdivision) {
        Optional<CallingWindow> specific = subdivision.map(s -> rules.get(s.toUpperCase(Locale.ROOT)));
        return specific.isPresent() ? specific : Optional.ofNullable(regionCode == null ? null : rules.get(regionCode.toUpperCase(Locale.ROOT)));
    }

    private static Set<DayOfWeek> days(String text, String entry) {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        try {
            for (String part : text.split(",")) {
                String[] range = part.strip().split("-");
                DayOfWeek from = day(range[0]);
                DayOfWeek to = range.length == 2 ? day(range[1]) : from;
                if (range.length > 2) {
                    throw new IllegalArgumentException(part);
                }
                for (DayOfWeek d = from; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == to) {
                        break;
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("In region rule \"" + entry.strip() + "\": \"" + text.strip()
                    + "\" is not a set of days; expected a range such as MON-FRI or a list such as MON,WED,FRI.", e);
        }
        return days;
    }

    private static DayOfWeek day(String abbreviation) {
        String wanted = abbreviation.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().startsWith(wanted) && wanted.length() >= 3) {
                return day;
            }
        }
        throw new IllegalArgumentException(abbreviation);
    }
}
