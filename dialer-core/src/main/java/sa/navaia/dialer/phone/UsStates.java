package sa.navaia.dialer.phone;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** US state names, as libphonenumber's geocoder and contact lists write them, to USPS codes. */
public final class UsStates {

    private static final Pattern CITY_STATE = Pattern.compile(",\\s*([A-Z]{2})$");

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("Alabama", "AL"), Map.entry("Alaska", "AK"), Map.entry("Arizona", "AZ"),
            Map.entry("Arkansas", "AR"), Map.entry("California", "CA"), Map.entry("Colorado", "CO"),
            Map.entry("Connecticut", "CT"), Map.entry("Delaware", "DE"), Map.entry("District of Columbia", "DC"),
            Map.entry("Washington D.C.", "DC"), Map.entry("Florida", "FL"), Map.entry("Georgia", "GA"),
            Map.entry("Hawaii", "HI"), Map.entry("Idaho", "ID"), Map.entry("Illinois", "IL"),
            Map.entry("Indiana", "IN"), Map.entry("Iowa", "IA"), Map.entry("Kansas", "KS"),
            Map.entry("Kentucky", "KY"), Map.entry("Louisiana", "LA"), Map.entry("Maine", "ME"),
            Map.entry("Maryland", "MD"), Map.entry("Massachusetts", "MA"), Map.entry("Michigan", "MI"),
            Map.entry("Minnesota", "MN"), Map.entry("Mississippi", "MS"), Map.entry("Missouri", "MO"),
            Map.entry("Montana", "MT"), Map.entry("Nebraska", "NE"), Map.entry("Nevada", "NV"),
            Map.entry("New Hampshire", "NH"), Map.entry("New Jersey", "NJ"), Map.entry("New Mexico", "NM"),
            Map.entry("New York", "NY"), Map.entry("North Carolina", "NC"), Map.entry("North Dakota", "ND"),
            Map.entry("Ohio", "OH"), Map.entry("Oklahoma", "OK"), Map.entry("Oregon", "OR"),
            Map.entry("Pennsylvania", "PA"), Map.entry("Rhode Island", "RI"), Map.entry("South Carolina", "SC"),
            Map.entry("South Dakota", "SD"), Map.entry("Tennessee", "TN"), Map.entry("Texas", "TX"),
            Map.entry("Utah", "UT"), Map.entry("Vermont", "VT"), Map.entry("Virginia", "VA"),
            Map.entry("Washington", "WA"), Map.entry("Washington State", "WA"), Map.entry("West Virginia", "WV"),
            Map.entry("Wisconsin", "WI"), Map.entry("Wyoming", "WY"));

    private UsStates() {
    }

    /**
     * A state as a list writes it: its USPS code ({@code FL}, {@code fl}) or its name ({@code Florida},
     * {@code new york}); anything else is empty.
     */
    public static Optional<String> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String wanted = text.strip().replaceAll("\\s+", " ");
        if (wanted.length() == 2 && CODES.containsValue(wanted.toUpperCase(java.util.Locale.ROOT))) {
            return Optional.of(wanted.toUpperCase(java.util.Locale.ROOT));
        }
        return CODES.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(wanted)).map(Map.Entry::getValue).findFirst();
    }

    /** "Florida" gives FL, "Miami, FL" gives FL; anything else is empty. */
    static Optional<String> codeFor(String description) {
        if (description == null || description.isBlank()) {
            return Optional.empty();
        }
        String text = description.strip();
        Matcher matcher = CITY_STATE.matcher(text);
        if (matcher.find() && CODES.containsValue(matcher.group(1))) {
            return Optional.of(matcher.group(1));
        }
        return Optional.ofNullable(CODES.get(text));
    }
}
