package sa.navaia.dialer.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.eligibility.CampaignRules;
import sa.navaia.dialer.eligibility.Decision;
import sa.navaia.dialer.eligibility.DialCandidate;
import sa.navaia.dialer.eligibility.EligibilityRules;
import sa.navaia.dialer.phone.ParseResult;
import sa.navaia.dialer.phone.PhoneNumber;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.window.CallingWindow;
import sa.navaia.dialer.window.RegionWindows;

/** The holidays of the states that forbid calls on them, on the recipient's local date, with a fixed clock. */
class StateHolidaysTest {

    private static final PhoneNumbers PHONE_NUMBERS = new PhoneNumbers();
    /** The campaign allows 08:00–21:00 every day; the states narrow it. */
    private static final CampaignRules CAMPAIGN = new CampaignRules(false, 10, Duration.ZERO, CallingWindow.DEFAULT,
            RegionWindows.NONE, Set.of("US"));
    private static final Map<String, HolidayCalendar> CALENDARS = Map.of("FEDERAL", new HolidayCalendar(StateHolidays.FEDERAL,
                    Set.of(HolidayCalendar.Observance.FRIDAY_BEFORE_OR_MONDAY_AFTER), "5 U.S.C. § 6103"),
            "AL", StateHolidays.ALABAMA, "LA", StateHolidays.LOUISIANA, "PA", StateHolidays.PENNSYLVANIA,
            "RI", StateHolidays.RHODE_ISLAND, "UT", StateHolidays.UTAH);

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(textBlock = """
            FEDERAL, 2026-01-01, New Year's Day
            FEDERAL, 2026-01-19, 'Birthday of Martin Luther King, Jr.'
            FEDERAL, 2026-05-25, Memorial Day
            FEDERAL, 2026-07-03, Independence Day (observed)
            FEDERAL, 2026-07-04, Independence Day
            FEDERAL, 2026-07-06, ''
            FEDERAL, 2026-11-26, Thanksgiving Day
            FEDERAL, 2026-11-27, ''
            FEDERAL, 2027-06-18, Juneteenth National Independence Day (observed)
            FEDERAL, 2027-07-05, Independence Day (observed)
            FEDERAL, 2027-12-24, Christmas Day (observed)
            FEDERAL, 2027-12-31, New Year's Day (observed)
            FEDERAL, 2027-12-30, ''
            AL, 2026-04-27, Confederate Memorial Day
            AL, 2026-06-01, Jefferson Davis' birthday
            AL, 2026-02-17, 'Mardi Gras (Baldwin and Mobile counties, applied statewide)'
            AL, 2026-07-06, ''
            LA, 2026-01-08, Battle of New Orleans
            LA, 2026-02-17, Mardi Gras
            LA, 2026-04-03, Good Friday
            LA, 2027-03-26, Good Friday
            LA, 2026-08-31, Huey P. Long Day (observed)
            LA, 2026-11-02, All Saints' Day (observed)
            LA, 2026-11-03, General election day
            LA, 2027-11-02, ''
            PA, 2026-06-14, Flag Day
            PA, 2026-06-15, Flag Day (observed)
            PA, 2027-11-02, Election Day
            PA, 2026-08-31, ''
            RI, 2026-05-04, Rhode Island Independence Day
            RI, 2026-07-03, Independence Day (observed)
            RI, 2026-07-06, Independence Day (observed)
            RI, 2026-08-10, Victory Day
            RI, 2026-11-03, Election day
            RI, 2027-11-02, ''
            UT, 2026-07-24, Pioneer Day
            UT, 2027-07-23, Pioneer Day (observed)
            UT, 2026-06-15, Juneteenth National Freedom Day (Utah's Monday)
            UT, 2026-06-19, Juneteenth National Independence Day
            UT, 2027-06-21, Juneteenth National Freedom Day (Utah's Monday)
            UT, 2026-04-03, Good Friday
            UT, 2026-07-23, ''
            """)
    void eachStatesCalendarNamesItsHolidaysAndTheDaysTheyAreObservedOn(String state, LocalDate date, String holiday) {
        assertThat(CALENDARS.get(state).on(date).map(HolidayCalendar.Match::describe).orElse(""))
                .as(state + " " + date).isEqualTo(holiday);
    }

    @Test
    void easterSundayFollowsTheGregorianRule() {
        assertThat(Holiday.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(Holiday.easterSunday(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
        assertThat(Holiday.easterSunday(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(Holiday.easterSunday(2027)).isEqualTo(LocalDate.of(2027, 3, 28));
        assertThat(Holiday.easterSunday(2038)).isEqualTo(LocalDate.of(2038, 4, 25));
    }

    /**
     * Pioneer Day 2026 is Friday 24 July; Utah is six hours behind UTC in summer. Alabama observes Saturday 4 July 2026 on
     * Friday 3 July, and allows no calls on Sunday; Rhode Island observes it on Monday 6 July as well.
     */
    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource(textBlock = """
            +18015550100, 2026-07-24T16:00:00Z, state_holiday_UT,       2026-07-25T14:00:00Z
            +18015550100, 2026-07-25T01:30:00Z, state_holiday_UT,       2026-07-25T14:00:00Z
            +18015550100, 2026-07-24T01:30:00Z, eligible,
            +18015550100, 2026-07-25T16:00:00Z, eligible,
            +18015550100, 2026-07-24T03:30:00Z, outside_calling_window, 2026-07-25T14:00:00Z
            +12055550100, 2026-07-03T15:00:00Z, state_holiday_AL,       2026-07-06T13:00:00Z
            +12055550100, 2026-07-04T15:00:00Z, state_holiday_AL,       2026-07-06T13:00:00Z
            +12055550100, 2026-07-03T03:00:00Z, outside_calling_window, 2026-07-05T13:00:00Z
            +12055550100, 2026-07-05T15:00:00Z, state_calling_hours_AL, 2026-07-06T13:00:00Z
            +12055550100, 2026-07-06T15:00:00Z, eligible,
            +12055550100, 2026-07-02T15:00:00Z, eligible,
            +12055550100, 2026-07-06T01:30:00Z, state_calling_hours_AL, 2026-07-06T13:00:00Z
            +14015550100, 2026-07-06T15:00:00Z, state_holiday_RI,       2026-07-07T14:00:00Z
            +14015550100, 2026-07-02T21:30:00Z, state_calling_hours_RI, 2026-07-07T14:00:00Z
            +15045550100, 2026-02-17T16:00:00Z, state_holiday_LA,       2026-02-18T14:00:00Z
            +12155550100, 2026-06-15T15:00:00Z, state_holiday_PA,       2026-06-16T12:00:00Z
            +12125550100, 2026-07-03T15:00:00Z, eligible,
            +13055550100, 2026-07-04T15:00:00Z, eligible,
            """)
    void aContactIsSkippedOnItsStatesHolidayInItsOwnTimeZoneAndWaitsForTheNextAllowedDay(String phone, Instant now,
                                                                                        String code, Instant notBefore) {
        PhoneNumber number = ((ParseResult.Valid) PHONE_NUMBERS.parse(phone, "US", Set.of())).number();
        DialCandidate candidate = new DialCandidate(1, phone, number.timeZones(), "US", PHONE_NUMBERS.subdivisionOf(number),
                true, 0, Optional.empty(), false, false, CampaignStatus.ACTIVE, true);

        Decision decision = EligibilityRules.decide(candidate, CAMPAIGN, now);

        assertThat(decision.code()).as(decision.detail()).isEqualTo(code);
        assertThat(decision.notBefore()).as(decision.detail()).isEqualTo(Optional.ofNullable(notBefore));
        if (code.startsWith("state_holiday")) {
            assertThat(decision.detail()).contains("§").contains("allows no calls on its holidays")
                    .contains("Not before " + notBefore);
            assertThat(decision.recipientLocalTime()).isPresent();
        }
    }

    @Test
    void theStatesThatNameHolidaysHaveThemAndTheOthersNone() {
        assertThat(StateRules.US).filteredOn(rule -> !rule.holidays().holidays().isEmpty()).extracting(StateRule::state)
                .containsExactlyInAnyOrder("AL", "LA", "PA", "RI", "UT");
        assertThat(StateRules.US).allSatisfy(rule -> assertThat(rule.holidays().holidays().isEmpty())
                .isEqualTo(rule.holidays().source().isEmpty()));
        assertThat(StateRules.forSubdivision(Optional.of("US-FL")).orElseThrow().holidays()).isEqualTo(HolidayCalendar.NONE);
    }
}
