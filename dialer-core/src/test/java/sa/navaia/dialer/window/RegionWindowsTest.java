package sa.navaia.dialer.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionWindowsTest {

    private final RegionWindows windows = RegionWindows.parse("US-FL=08:00-20:00; US-TX=09:00-21:00;SA=09:00-22:00/SAT-THU");

    @ParameterizedTest(name = "{0} {1} gets {2}")
    @CsvSource(delimiter = '|', textBlock = """
            US | US-FL | 08:00-20:00
            US | US-TX | 09:00-21:00
            US | US-NY | none
            US | ''    | none
            SA | ''    | 09:00-22:00
            GB | ''    | none
            """)
    void aSubdivisionRuleWinsOverItsRegion(String region, String subdivision, String expected) {
        Optional<CallingWindow> rule = windows.ruleFor(region, Optional.of(subdivision).filter(s -> !s.isEmpty()));

        assertThat(rule.map(CallingWindow::hours).orElse("none")).isEqualTo(expected);
    }

    @Test
    void daysMayWrapAroundTheWeek() {
        assertThat(windows.ruleFor("SA", Optional.empty()).orElseThrow().days())
                .isEqualTo(EnumSet.complementOf(EnumSet.of(DayOfWeek.FRIDAY)));
        assertThat(RegionWindows.parse("GB=09:00-17:00/MON,WED").ruleFor("GB", Optional.empty()).orElseThrow().days())
                .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY);
    }

    @Test
    void aRegionRuleOnlyNarrowsTheCampaignsWindow() {
        CallingHours hours = new CallingHours(CallingWindow.parse("10:00-19:00"), RegionWindows.parse("US-FL=08:00-20:00"));

        CallingWindow florida = hours.windowFor("US", Optional.of("US-FL"));

        assertThat(florida.start()).isEqualTo(LocalTime.of(10, 0));
        assertThat(florida.end()).isEqualTo(LocalTime.of(19, 0));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @CsvSource(delimiter = '|', textBlock = """
            US-FL 08:00-20:00            | "US-FL 08:00-20:00" is not a region rule; expected REGION=HH:MM-HH:MM
            Florida=08:00-20:00          | "Florida" in "Florida=08:00-20:00" is not a region
            US-FL=8-20                   | In region rule "US-FL=8-20": "8-20" is not a calling window
            US-FL=20:00-08:00            | may not cross midnight; got 20:00-08:00
            US-FL=08:00-20:00/WEEKDAYS   | "WEEKDAYS" is not a set of days
            US-FL=08:00-20:00;US-FL=09:00-20:00 | Region US-FL has two rules
            """)
    void malformedRulesAreRefusedWithAMessageThatNamesThem(String text, String message) {
        assertThatThrownBy(() -> RegionWindows.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void emptyTextMeansNoRules() {
        assertThat(RegionWindows.parse(" ")).isEqualTo(RegionWindows.NONE);
    }
}
