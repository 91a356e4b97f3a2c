package sa.navaia.dialer.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.ShortNumberInfo;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and classifies phone numbers with libphonenumber. Never a regex: national formats such as
 * {@code (938) 336-2295} parse with the list's default region; numbers written with {@code +} ignore it.
 *
 * <p>The checks run in this order, and the first that fails is the reason: letters
 * ({@link Reason#NOT_A_NUMBER}), emergency number, unparseable or invalid number (a valid short code is
 * {@link Reason#SHORT_CODE}), premium-rate, shared-cost, country not allowed. Thread-safe; one instance
 * serves the whole application.
 */
public final class PhoneNumbers {

    private static final Pattern LETTERS = Pattern.compile("\\p{L}");

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final ShortNumberInfo shortNumbers = ShortNumberInfo.getInstance();
    private final PhoneNumberToTimeZonesMapper timeZones = PhoneNumberToTimeZonesMapper.getInstance();
    private final PhoneNumberOfflineGeocoder geocoder = PhoneNumberOfflineGeocoder.getInstance();

    /**
     * @param raw            the number as written in the list
     * @param defaultRegion  region for numbers written without {@code +}, e.g. {@code US}
     * @param allowedRegions regions the campaign calls; empty means every region
     */
    public ParseResult parse(String raw, String defaultRegion, Set<String> allowedRegions) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return new ParseResult.Invalid(Reason.INVALID_NUMBER, "The phone number is empty; write it in E.164 form, e.g. +19383362295.");
        }
        if (LETTERS.matcher(text).find()) {
            return new ParseResult.Invalid(Reason.NOT_A_NUMBER,
                    quote(text) + " contains letters; a phone number is digits, optionally with +, spaces, dots, dashes and parentheses.");
        }
        if (shortNumbers.isEmergencyNumber(text, defaultRegion)) {
            return new ParseResult.Invalid(Reason.EMERGENCY_NUMBER, quote(text) + " is an emergency number; emergency numbers are never dialed.");
        }
        Phonenumber.PhoneNumber number;
        try {
            number = util.parse(text, defaultRegion);
        } catch (NumberParseException e) {
            return new ParseResult.Invalid(Reason.INVALID_NUMBER, quote(text) + " is not a phone number (" + explain(e) + ").");
        }
        String region = util.getRegionCodeForNumber(number);
        if (region != null && shortNumbers.isEmergencyNumber(text, region)) {
            return new ParseResult.Invalid(Reason.EMERGENCY_NUMBER, quote(text) + " is an emergency number; emergency numbers are never dialed.");
        }
        if (!util.isValidNumber(number)) {
            if (shortNumbers.isValidShortNumber(number)) {
                return new ParseResult.Invalid(Reason.SHORT_CODE, quote(text) + " is a short code, not a person's number; short codes are never dialed.");
            }
            return new ParseResult.Invalid(Reason.INVALID_NUMBER, quote(text) + " is not a valid number in any country"
                    + " (read with default region " + defaultRegion + "); write it in E.164 form, e.g. +19383362295.");
        }
        PhoneNumberType type = util.getNumberType(number);
        if (type == PhoneNumberType.PREMIUM_RATE) {
            return new ParseResult.Invalid(Reason.PREMIUM_RATE, quote(text) + " is a premium-rate number; premium-rate numbers are never dialed.");
        }
        if (type == PhoneNumberType.SHARED_COST) {
            return new ParseResult.Invalid(Reason.SHARED_COST, quote(text) + " is a shared-cost number; shared-cost numbers are never dialed.");
        }
        if (!allowedRegions.isEmpty() && !allowedRegions.contains(region)) {
            return new ParseResult.Invalid(Reason.COUNTRY_NOT_ALLOWED, quote(text) + " is a number of " + region
                    + ", and this campaign calls only " + String.join(", ", allowedRegions.stream().sorted().toList()) + ".");
        }
        return new ParseResult.Valid(new PhoneNumber(util.format(number, PhoneNumberFormat.E164), region,
                LineType.of(type), mappedZones(number)));
    }

    /**
     * The recipient's zones: the list's {@code timezone} value when given (it must be an IANA name such
     * as {@code America/New_York}), else the zones the number maps to.
     */
    public ZoneLookup zonesFor(PhoneNumber number, Optional<String> csvTimezone) {
        Optional<String> given = csvTimezone.map(String::strip).filter(s -> !s.isEmpty());
        if (given.isPresent()) {
            try {
                return new ZoneLookup.Found(List.of(ZoneId.of(given.get())));
            } catch (DateTimeException e) {
                return new ZoneLookup.NotFound(Reason.INVALID_TIME_ZONE, quote(given.get())
                        + " is not a time zone; write an IANA name such as America/New_York or Asia/Riyadh, or leave the column empty.");
            }
        }
        if (number.timeZones().isEmpty()) {
            return new ZoneLookup.NotFound(Reason.UNKNOWN_TIME_ZONE, "No time zone is known for " + number.masked()
                    + "; give one in the list's timezone column (an IANA name such as America/New_York).");
        }
        return new ZoneLookup.Found(number.timeZones());
    }

    /**
     * The first-level subdivision in ISO 3166-2 form ({@code US-FL}) for US numbers, from libphonenumber's
     * offline geocoder ("Florida", or "Miami, FL"); empty for other countries and for numbers the geocoder
     * does not place (toll-free, non-geographic). Used to pick the stricter calling window of a state.
     */
    public Optional<String> subdivisionOf(PhoneNumber number) {
        if (!"US".equals(number.regionCode())) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber parsed = util.parse(number.e164(), "US");
            return UsStates.codeFor(geocoder.getDescriptionForNumber(parsed, Locale.ENGLISH)).map(code -> "US-" + code);
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** True for a number written in E.164 ({@code +} and 7 to 15 digits) that could exist, like +19383362295. */
    public static boolean isE164(String value) {
        if (value == null || !value.matches("\\+[1-9][0-9]{6,14}")) {
            return false;
        }
        try {
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            return util.isPossibleNumber(util.parse(value, "ZZ"));
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** Masks a number for logs: {@code +19383362295} becomes {@code +1938***2295}. */
    public static String mask(String e164) {
        if (e164 == null || e164.isEmpty()) {
            return "(none)";
        }
        if (e164.length() <= 8) {
            return "***" + e164.substring(Math.max(0, e164.length() - 2));
        }
        return e164.substring(0, 5) + "***" + e164.substring(e164.length() - 4);
    }

    private List<ZoneId> mappedZones(Phonenumber.PhoneNumber number) {
        String unknown = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();
        return timeZones.getTimeZonesForNumber(number).stream()
                .filter(zone -> !zone.equals(unknown))
                .map(ZoneId::of)
                .toList();
    }

    private static String explain(NumberParseException e) {
        return switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> "no country calling code, or an unknown one";
            case NOT_A_NUMBER -> "no digits that form a number";
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "too short";
            case TOO_LONG -> "too long";
        };
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
