package sa.navaia.dialer.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sa.navaia.dialer.phone.ParseResult;
import sa.navaia.dialer.phone.PhoneNumbers;

class CallingHoursTest {

    private static final PhoneNumbers PHONE_NUMBERS = new PhoneNumbers();

    private final CallingHours defaultHours = new CallingHours(CallingWindow.DEFAULT,
            RegionWindows.parse("US-FL=08:00-20:00;US-TX=09:00-21:00"));

    @ParameterizedTest(name = "{0}: {1} at {2} is {3}")
    @CsvSource(delimiter = '|', textBlock = """
            New York 20:59 EDT       | +1 212 555 0100  | 2026-07-16T00:59:00Z | ALLOWED                | America/New_York    | 20:59
            New York 21:00 EDT       | +1 212 555 0100  | 2026-07-16T01:00:00Z | OUTSIDE_CALLING_WINDOW | America/New_York    | 21:00
            New York 07:59 EST       | +1 212 555 0100  | 2026-01-15T12:59:00Z | OUTSIDE_CALLING_WINDOW | America/New_York    | 07:59
            New York 08:00 EST       | +1 212 555 0100  | 2026-01-15T13:00:00Z | ALLOWED                | America/New_York    | 08:00
            Arizona summer 08:00     | +1 602 555 0100  | 2026-07-15T15:00:00Z | ALLOWED                | America/Phoenix     | 08:00
            Arizona summer 07:59     | +1 602 555 0100  | 2026-07-15T14:59:00Z | OUTSIDE_CALLING_WINDOW | America/Phoenix     | 07:59
            Arizona winter 08:00     | +1 602 555 0100  | 2026-01-15T15:00:00Z | ALLOWED                | America/Phoenix     | 08:00
            Indiana 08:00 EST        | +1 317 555 0100  | 2026-01-15T13:00:00Z | ALLOWED                | America/New_York    | 08:00
            Indiana 20:30 EDT        | +1 317 555 0100  | 2026-07-16T00:30:00Z | ALLOWED                | America/New_York    | 20:30
            DST starts, 07:59 EDT    | +1 212 555 0100  | 2026-03-08T11:59:00Z | OUTSIDE_CALLING_WINDOW | America/New_York    | 07:59
            DST starts, 08:00 EDT    | +1 212 555 0100  | 2026-03-08T12:00:00Z | ALLOWED                | America/New_York    | 08:00
            DST ends, 07:30 EST      | +1 212 555 0100  | 2026-11-01T12:30:00Z | OUTSIDE_CALLING_WINDOW | America/New_York    | 07:30
            DST ends, 08:00 EST      | +1 212 555 0100  | 2026-11-01T13:00:00Z | ALLOWED                | America/New_York    | 08:00
            toll-free, every zone in | +1 800 555 0100  | 2026-07-15T23:00:00Z | ALLOWED                | America/Adak        | 14:00
            toll-free, Adak asleep   | +1 800 555 0100  | 2026-07-15T16:00:00Z | OUTSIDE_CALLING_WINDOW | America/Adak        | 07:00
            toll-free, Guam asleep   | +1 800 555 0100  | 2026-07-15T20:00:00Z | OUTSIDE_CALLING_WINDOW | Pacific/Guam        | 06:00
            Riyadh 08:00             | +966 50 123 4567 | 2026-07-15T05:00:00Z | ALLOWED                | Asia/Riyadh         | 08:00
            Riyadh 21:00             | +966 50 123 4567 | 2026-07-15T18:00:00Z | OUTSIDE_CALLING_WINDOW | Asia/Riyadh         | 21:00
            London 08:00 BST         | +44 20 7946 0958 | 2026-07-15T07:00:00Z | ALLOWED                | Europe/London       | 08:00
            London 07:59 BST         | +44 20 7946 0958 | 2026-07-15T06:59:00Z | OUTSIDE_CALLING_WINDOW | Europe/London       | 07:59
            London 08:00 GMT         | +44 20 7946 0958 | 2026-01-15T08:00:00Z | ALLOWED                | Europe/London       | 08:00
            Florida 20:30, state 20h | +1 305 555 0100  | 2026-07-16T00:30:00Z | OUTSIDE_CALLING_WINDOW | America/New_York    | 20:30
            Florida 19:59            | +1 305 555 0100  | 2026-07-15T23:59:00Z | ALLOWED                | America/New_York    | 19:59
            """)
    void checksTheWindowInTheRecipientsLocalTime(String scenario, String raw, Instant now, WindowDecision.Verdict verdict,
                                                 ZoneId zone, LocalTime localTime) {
        var number = ((ParseResult.Valid) PHONE_NUMBERS.parse(raw, "US", Set.of())).number();

        WindowDecision decision = defaultHours.check(now, number.timeZones(), number.regionCode(), PHONE_NUMBERS.subdivisionOf(number));

        assertThat(decision.verdict()).as(decision.detail()).isEqualTo(verdict);
        assertThat(decision.zone()).contains(zone);
        assertThat(decision.localTime()).hasValueSatisfying(local -> assertThat(local.toLocalTime()).isEqualTo(localTime));
        assertThat(decision.detail()).contains(localTime + " in " + zone);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Wednesday on weekdays       | 2026-07-15T14:00:00Z | ALLOWED         | ''
            Saturday on weekdays        | 2026-07-18T14:00:00Z | DAY_NOT_ALLOWED | It is Saturday in America/New_York, and calls are allowed only on Mon, Tue, Wed, Thu, Fri.
            Friday 21:30 is Friday late | 2026-07-18T01:30:00Z | OUTSIDE_CALLING_WINDOW | 21:30 in America/New_York is outside 08:00-21:00.
            """)
    void refusesDaysTheCampaignDoesNotCall(String scenario, Instant now, WindowDecision.Verdict verdict, String detail) {
        CallingHours weekdays = new CallingHours(new CallingWindow(LocalTime.of(8, 0), LocalTime.of(21, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)), RegionWindows.NONE);

        WindowDecision decision = weekdays.check(now, List.of(ZoneId.of("America/New_York")), "US", Optional.empty());

        assertThat(decision.verdict()).isEqualTo(verdict);
        assertThat(decision.detail()).contains(detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            open now                        | 2026-07-15T14:00:00Z | America/New_York                     | 2026-07-15T14:00:00Z
            after 21:00 opens next morning  | 2026-07-16T01:30:00Z | America/New_York                     | 2026-07-16T12:00:00Z
            east and west: west opens last  | 2026-07-15T11:00:00Z | America/New_York America/Los_Angeles | 2026-07-15T15:00:00Z
            night before DST starts         | 2026-03-08T05:00:00Z | America/New_York                     | 2026-03-08T12:00:00Z
            night before DST ends           | 2026-11-01T05:00:00Z | America/New_York                     | 2026-11-01T13:00:00Z
            Riyadh at 22:00                 | 2026-07-15T19:00:00Z | Asia/Riyadh                          | 2026-07-16T05:00:00Z
            """)
    void findsTheNextInstantWhenEveryZoneIsOpen(String scenario, Instant now, String zones, Instant expected) {
        List<ZoneId> zoneIds = Arrays.stream(zones.split(" ")).map(ZoneId::of).toList();

        assertThat(defaultHours.nextOpening(now, zoneIds)).contains(expected);
    }

    @ParameterizedTest(name = "toll-free from {0}")
    @CsvSource({"2026-07-15T16:00:00Z", "2026-01-15T03:00:00Z", "2026-03-08T09:00:00Z"})
    void theNextOpeningOfATollFreeNumberIsInsideEveryZone(Instant now) {
        var number = ((ParseResult.Valid) PHONE_NUMBERS.parse("+1 800 555 0100", "US", Set.of())).number();

        Optional<Instant> opening = defaultHours.nextOpening(now, number.timeZones());

        assertThat(opening).hasValueSatisfying(at -> {
            assertThat(at).isAfterOrEqualTo(now);
            assertThat(defaultHours.check(at, number.timeZones(), "US", Optional.empty()).allowed()).isTrue();
            assertThat(defaultHours.check(at.minusSeconds(1), number.timeZones(), "US", Optional.empty()).allowed()).isFalse();
        });
    }

    @ParameterizedTest(name = "no zone at {0}")
    @CsvSource({"2026-07-15T16:00:00Z"})
    void refusesWhenNoZoneIsKnown(Instant now) {
        WindowDecision decision = defaultHours.check(now, List.of(), "US", Optional.empty());

        assertThat(decision.verdict()).isEqualTo(WindowDecision.Verdict.UNKNOWN_TIME_ZONE);
        assertThat(decision.zone()).isEmpty();
        assertThat(defaultHours.nextOpening(now, List.of())).isEmpty();
    }
}
