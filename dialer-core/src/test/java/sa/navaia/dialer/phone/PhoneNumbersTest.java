package sa.navaia.dialer.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    private final PhoneNumbers phoneNumbers = new PhoneNumbers();

    @ParameterizedTest(name = "{0} with default region {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            (938) 336-2295      | US | +19383362295  | US | FIXED_LINE_OR_MOBILE | America/Chicago
            938.336.2295        | US | +19383362295  | US | FIXED_LINE_OR_MOBILE | America/Chicago
            +1 938 336 2295     | SA | +19383362295  | US | FIXED_LINE_OR_MOBILE | America/Chicago
            +19383362295        | GB | +19383362295  | US | FIXED_LINE_OR_MOBILE | America/Chicago
            +966 50 123 4567    | US | +966501234567 | SA | MOBILE               | Asia/Riyadh
            050 123 4567        | SA | +966501234567 | SA | MOBILE               | Asia/Riyadh
            +44 20 7946 0958    | US | +442079460958 | GB | FIXED_LINE           | Europe/London
            020 7946 0958       | GB | +442079460958 | GB | FIXED_LINE           | Europe/London
            +1 602 555 0100     | US | +16025550100  | US | FIXED_LINE_OR_MOBILE | America/Phoenix
            """)
    void parsesNationalAndInternationalFormats(String raw, String defaultRegion, String e164, String region, LineType type, String zone) {
        ParseResult result = phoneNumbers.parse(raw, defaultRegion, Set.of());

        assertThat(result).isEqualTo(new ParseResult.Valid(new PhoneNumber(e164, region, type, List.of(ZoneId.of(zone)))));
    }

    @ParameterizedTest(name = "{0} is refused as {2}")
    @CsvSource(delimiter = '|', textBlock = """
            911                | US | EMERGENCY_NUMBER    | is an emergency number; emergency numbers are never dialed.
            112                | GB | EMERGENCY_NUMBER    | is an emergency number
            999                | GB | EMERGENCY_NUMBER    | is an emergency number
            911                | SA | EMERGENCY_NUMBER    | is an emergency number
            1-800-FLOWERS      | US | NOT_A_NUMBER        | contains letters
            call me later      | US | NOT_A_NUMBER        | contains letters
            12345              | US | SHORT_CODE          | is a short code
            +1 900 555 0100    | US | PREMIUM_RATE        | "+1 900 555 0100" is a premium-rate number; premium-rate numbers are never dialed.
            +34 901 12 34 56   | US | SHARED_COST         | is a shared-cost number
            +1 976 555 0100    | US | INVALID_NUMBER      | is not a valid number in any country
            +                  | US | INVALID_NUMBER      | is not a phone number
            ''                 | US | INVALID_NUMBER      | The phone number is empty
            +44 20 7946 0958   | US | COUNTRY_NOT_ALLOWED | "+44 20 7946 0958" is a number of GB, and this campaign calls only SA, US.
            """)
    void refusesWhatMustNeverBeDialedAndSaysWhy(String raw, String defaultRegion, Reason reason, String message) {
        ParseResult result = phoneNumbers.parse(raw, defaultRegion, Set.of("US", "SA"));

        assertThat(result).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> {
            assertThat(invalid.reason()).isEqualTo(reason);
            assertThat(invalid.message()).contains(message);
        });
    }

    @Test
    void aTollFreeNumberSpansEveryZoneOfTheNorthAmericanPlan() {
        PhoneNumber tollFree = valid("+1 800 555 0100");

        assertThat(tollFree.type()).isEqualTo(LineType.TOLL_FREE);
        assertThat(tollFree.timeZones()).hasSizeGreaterThan(20)
                .contains(ZoneId.of("America/New_York"), ZoneId.of("Pacific/Honolulu"), ZoneId.of("Pacific/Guam"));
    }

    @Test
    void aNumberTheMapperCannotPlaceHasNoZones() {
        PhoneNumber international = valid("+800 1234 5678");

        assertThat(international.timeZones()).isEmpty();
        assertThat(phoneNumbers.zonesFor(international, Optional.empty())).isInstanceOfSatisfying(ZoneLookup.NotFound.class,
                notFound -> {
                    assertThat(notFound.reason()).isEqualTo(Reason.UNKNOWN_TIME_ZONE);
                    assertThat(notFound.message()).contains("+8001***5678").contains("timezone column");
                });
    }

    @ParameterizedTest(name = "list zone \"{1}\" for {0} gives {2}")
    @CsvSource(delimiter = '|', textBlock = """
            +1 938 336 2295 | ''                  | America/Chicago
            +1 938 336 2295 | America/New_York    | America/New_York
            +800 1234 5678  | ' Asia/Riyadh '     | Asia/Riyadh
            """)
    void theListsTimeZoneWinsOverTheNumbers(String raw, String csvZone, String expected) {
        assertThat(phoneNumbers.zonesFor(valid(raw), Optional.of(csvZone)))
                .isEqualTo(new ZoneLookup.Found(List.of(ZoneId.of(expected))));
    }

    @Test
    void anUnknownZoneNameInTheListIsAnErrorThatNamesIt() {
        assertThat(phoneNumbers.zonesFor(valid("+1 938 336 2295"), Optional.of("Eastern Time")))
                .isInstanceOfSatisfying(ZoneLookup.NotFound.class, notFound -> {
                    assertThat(notFound.reason()).isEqualTo(Reason.INVALID_TIME_ZONE);
                    assertThat(notFound.message()).startsWith("\"Eastern Time\" is not a time zone");
                });
    }

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            +1 305 555 0100  | US-FL
            +1 212 555 0100  | US-NY
            +1 938 336 2295  | US-AL
            +1 602 555 0100  | US-AZ
            +1 800 555 0100  | ''
            +966 50 123 4567 | ''
            """)
    void findsTheUsStateFromTheGeocoder(String raw, String subdivision) {
        assertThat(phoneNumbers.subdivisionOf(valid(raw))).isEqualTo(Optional.ofNullable(subdivision.isEmpty() ? null : subdivision));
    }

    @ParameterizedTest(name = "{0} is logged as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            +19383362295  | +1938***2295
            +966501234567 | +9665***4567
            +1234         | ***34
            ''            | (none)
            """)
    void masksNumbersForLogs(String e164, String masked) {
        assertThat(PhoneNumbers.mask(e164)).isEqualTo(masked);
    }

    @Test
    void reasonCodesAreStable() {
        assertThat(Reason.PREMIUM_RATE.code()).isEqualTo("premium_rate");
        assertThat(Reason.UNKNOWN_TIME_ZONE.code()).isEqualTo("unknown_time_zone");
    }

    private PhoneNumber valid(String raw) {
        ParseResult result = phoneNumbers.parse(raw, "US", Set.of());
        assertThat(result).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).number();
    }
}
