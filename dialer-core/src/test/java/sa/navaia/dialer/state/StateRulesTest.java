package sa.navaia.dialer.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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

/** The state rules table on a fixed clock: hours and days in the recipient's state, and the cap on calls per 24 hours. */
class StateRulesTest {

    private static final PhoneNumbers PHONE_NUMBERS = new PhoneNumbers();
    /** The campaign allows 08:00–21:00 every day; the states narrow it. */
    private static final CampaignRules CAMPAIGN = new CampaignRules(false, 10, Duration.ZERO, CallingWindow.DEFAULT,
            RegionWindows.NONE, Set.of("US"));

    @ParameterizedTest(name = "{0} at {1} with {2} call(s) today: {3}")
    @CsvSource(textBlock = """
            +14055550100, 2026-07-15T19:00:00Z, 2, eligible
            +14055550100, 2026-07-15T19:00:00Z, 3, state_frequency_cap_OK
            +14055550100, 2026-07-16T01:30:00Z, 0, state_calling_hours_OK
            +14105550100, 2026-07-15T19:00:00Z, 3, state_frequency_cap_MD
            +14105550100, 2026-07-16T00:30:00Z, 0, state_calling_hours_MD
            +13055550100, 2026-07-15T19:00:00Z, 4, state_frequency_cap_FL
            +13055550100, 2026-07-16T00:30:00Z, 0, state_calling_hours_FL
            +16015550100, 2026-07-19T15:00:00Z, 0, state_calling_hours_MS
            +16015550100, 2026-07-20T15:00:00Z, 5, eligible
            +12125550100, 2026-07-16T00:30:00Z, 9, eligible
            +12125550100, 2026-07-16T01:30:00Z, 0, outside_calling_window
            """)
    void theRecipientsStateNarrowsTheHoursAndCapsTheCallsAcrossCampaigns(String phone, Instant now, int callsToday,
                                                                          String code) {
        PhoneNumber number = ((ParseResult.Valid) PHONE_NUMBERS.parse(phone, "US", Set.of())).number();
        Optional<Instant> earliest = callsToday == 0 ? Optional.empty() : Optional.of(now.minus(Duration.ofHours(20)));
        DialCandidate candidate = new DialCandidate(1, phone, number.timeZones(), "US", PHONE_NUMBERS.subdivisionOf(number),
                true, 0, Optional.empty(), false, false, CampaignStatus.ACTIVE, true,
                new CallCounts.Recent(callsToday, earliest));

        Decision decision = EligibilityRules.decide(candidate, CAMPAIGN, now);

        assertThat(decision.code()).as(decision.detail()).isEqualTo(code);
        if (code.startsWith("state_frequency_cap")) {
            assertThat(decision.notBefore()).contains(now.plus(Duration.ofHours(4)));
            assertThat(decision.detail()).contains("across every campaign").contains("§");
        }
        if (code.startsWith("state_calling_hours")) {
            assertThat(decision.notBefore()).isPresent();
            assertThat(decision.detail()).contains("§");
        }
    }

    @Test
    void everyRowCitesItsSourceAndNamesAUsState() {
        assertThat(StateRules.US).allSatisfy(rule -> {
            assertThat(rule.subdivision()).matches("US-[A-Z]{2}");
            assertThat(rule.source()).as("a statute's section or a rule's number").containsAnyOf("§", " r. ");
        });
        assertThat(StateRules.forSubdivision(Optional.of("us-ok"))).map(StateRule::state).contains("OK");
        assertThat(StateRules.forSubdivision(Optional.of("US-NY"))).isEmpty();
    }
}
