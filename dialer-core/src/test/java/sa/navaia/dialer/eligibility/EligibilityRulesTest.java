package sa.navaia.dialer.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.window.CallingWindow;
import sa.navaia.dialer.window.RegionWindows;

class EligibilityRulesTest {

    /** 14:00 in New York, a Wednesday. */
    private static final Instant NOON_IN_NEW_YORK = Instant.parse("2026-07-15T18:00:00Z");
    /** 22:00 in New York. */
    private static final Instant LATE_IN_NEW_YORK = Instant.parse("2026-07-16T02:00:00Z");

    private static final CampaignRules RULES = new CampaignRules(true, 3, Duration.ofHours(4), CallingWindow.DEFAULT,
            RegionWindows.parse("US-FL=08:00-20:00"), Set.of("US", "SA"));

    private static DialCandidate eligible() {
        return new DialCandidate(7, "+12125550100", List.of(ZoneId.of("America/New_York")), "US", Optional.of("US-NY"),
                true, 1, Optional.of(Instant.parse("2026-07-15T12:00:00Z")), false, false, CampaignStatus.ACTIVE, true);
    }

    @Test
    void dialsAnEligibleContactAndRecordsTheLocalTimeUsed() {
        Decision decision = EligibilityRules.decide(eligible(), RULES, NOON_IN_NEW_YORK);

        assertThat(decision.dial()).isTrue();
        assertThat(decision.reasonCode()).isEqualTo(ReasonCode.ELIGIBLE);
        assertThat(decision.zone()).contains(ZoneId.of("America/New_York"));
        assertThat(decision.recipientLocalTime()).contains(LocalDateTime.parse("2026-07-15T14:00"));
        assertThat(decision.detail()).isEqualTo("Contact 7 (+1212***0100) may be called: 14:00 in America/New_York is inside 08:00-21:00.");
    }

    /**
     * Each row breaks the listed rules at once; the most permanent one must be the reason. Rules: S = on
     * system DNC, C = on campaign DNC, I = number invalid, R = region not allowed, N = no consent,
     * A = attempts exhausted, Z = zone unknown, P = campaign paused, G = too soon (gap), L = late at night.
     */
    @ParameterizedTest(name = "breaking {0} gives {1}")
    @CsvSource(delimiter = '|', textBlock = """
            S C I R N A Z P G L | DO_NOT_CALL_SYSTEM          | is on the do-not-call list.
            C I R N A Z P G L   | DO_NOT_CALL_CAMPAIGN        | is on this campaign's do-not-call list.
            I R N A Z P G L     | INVALID_NUMBER              | no longer has a dialable number.
            R N A Z P G L       | COUNTRY_NOT_ALLOWED         | has a number of GB, and this campaign calls only SA, US.
            N A Z P G L         | NO_CONSENT                  | has not given consent, and this campaign requires it.
            A Z P G L           | ATTEMPTS_EXHAUSTED          | has had 3 of 3 attempts.
            Z P G L             | UNKNOWN_TIME_ZONE           | time zone is unknown
            P G L               | CAMPAIGN_NOT_ACTIVE         | the campaign is paused, not active.
            G L                 | TOO_SOON_SINCE_LAST_ATTEMPT | the campaign waits PT4H between attempts, so not before 2026-07-16T04:00:00Z.
            L                   | OUTSIDE_CALLING_WINDOW      | 22:00 in America/New_York is outside 08:00-21:00.
            """)
    void theMostPermanentReasonWins(String broken, ReasonCode expected, String detail) {
        Set<String> rules = Set.copyOf(Arrays.asList(broken.split(" ")));
        DialCandidate c = eligible();
        DialCandidate candidate = new DialCandidate(c.contactId(), c.phoneE164(),
                rules.contains("Z") ? List.of() : c.zones(),
                rules.contains("R") ? "GB" : c.regionCode(), c.subdivision(),
                !rules.contains("N"), rules.contains("A") ? 3 : c.attemptsMade(),
                rules.contains("G") ? Optional.of(LATE_IN_NEW_YORK.minus(Duration.ofHours(2))) : c.lastAttemptAt(),
                rules.contains("S"), rules.contains("C"),
                rules.contains("P") ? CampaignStatus.PAUSED : CampaignStatus.ACTIVE, !rules.contains("I"));

        Decision decision = EligibilityRules.decide(candidate, RULES, rules.contains("L") ? LATE_IN_NEW_YORK : NOON_IN_NEW_YORK);

        assertThat(decision.dial()).isFalse();
        assertThat(decision.reasonCode()).isEqualTo(expected);
        assertThat(decision.detail()).startsWith("Contact 7 (+1212***0100)").contains(detail);
    }

    @Test
    void theCheckOrderIsTheDeclarationOrderOfTheReasonCodes() {
        assertThat(ReasonCode.values()).startsWith(ReasonCode.DO_NOT_CALL_SYSTEM, ReasonCode.DO_NOT_CALL_CAMPAIGN,
                ReasonCode.NATIONAL_DO_NOT_CALL, ReasonCode.INVALID_NUMBER, ReasonCode.COUNTRY_NOT_ALLOWED, ReasonCode.NO_CONSENT,
                ReasonCode.ATTEMPTS_EXHAUSTED, ReasonCode.REGISTRY_STALE);
        assertThat(ReasonCode.ATTEMPTS_EXHAUSTED.isPermanent()).isTrue();
        assertThat(ReasonCode.NATIONAL_DO_NOT_CALL.isPermanent()).isTrue();
        assertThat(ReasonCode.REGISTRY_STALE.isPermanent()).isFalse();
        assertThat(ReasonCode.OUTSIDE_CALLING_WINDOW.isPermanent()).isFalse();
        assertThat(ReasonCode.DO_NOT_CALL_SYSTEM.code()).isEqualTo("do_not_call_system");
    }

    @Test
    void aSkipOutsideTheWindowSaysWhenTheWindowOpens() {
        Decision decision = EligibilityRules.decide(eligible(), RULES, LATE_IN_NEW_YORK);

        assertThat(decision.reasonCode()).isEqualTo(ReasonCode.OUTSIDE_CALLING_WINDOW);
        assertThat(decision.recipientLocalTime()).contains(LocalDateTime.parse("2026-07-15T22:00"));
        assertThat(decision.notBefore()).contains(Instant.parse("2026-07-16T12:00:00Z"));
    }

    @Test
    void aStateRuleNarrowsTheWindowForItsNumbers() {
        DialCandidate c = eligible();
        DialCandidate florida = new DialCandidate(c.contactId(), "+13055550100", c.zones(), "US", Optional.of("US-FL"),
                true, 0, Optional.empty(), false, false, CampaignStatus.ACTIVE, true);
        Instant halfPastEightPm = Instant.parse("2026-07-16T00:30:00Z");

        assertThat(EligibilityRules.decide(florida, RULES, halfPastEightPm).reasonCode()).isEqualTo(ReasonCode.OUTSIDE_CALLING_WINDOW);
        assertThat(EligibilityRules.decide(c, RULES, halfPastEightPm).reasonCode()).isEqualTo(ReasonCode.ELIGIBLE);
    }

    @ParameterizedTest(name = "consent {0}, required {1}: {2}")
    @CsvSource({"false, false, ELIGIBLE", "false, true, NO_CONSENT", "true, true, ELIGIBLE"})
    void consentIsNeededOnlyWhenTheCampaignRequiresIt(boolean consent, boolean required, ReasonCode expected) {
        DialCandidate c = eligible();
        DialCandidate candidate = new DialCandidate(c.contactId(), c.phoneE164(), c.zones(), c.regionCode(), c.subdivision(),
                consent, 0, Optional.empty(), false, false, CampaignStatus.ACTIVE, true);
        CampaignRules rules = new CampaignRules(required, 3, Duration.ZERO, CallingWindow.DEFAULT, RegionWindows.NONE, Set.of());

        assertThat(EligibilityRules.decide(candidate, rules, NOON_IN_NEW_YORK).reasonCode()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "last attempt {0} before now: {1}")
    @CsvSource({"PT3H59M59S, TOO_SOON_SINCE_LAST_ATTEMPT", "PT4H, ELIGIBLE", "PT5H, ELIGIBLE"})
    void waitsTheMinimumGapBetweenAttempts(Duration ago, ReasonCode expected) {
        DialCandidate c = eligible();
        DialCandidate candidate = new DialCandidate(c.contactId(), c.phoneE164(), c.zones(), c.regionCode(), c.subdivision(),
                true, 1, Optional.of(NOON_IN_NEW_YORK.minus(ago)), false, false, CampaignStatus.ACTIVE, true);

        assertThat(EligibilityRules.decide(candidate, RULES, NOON_IN_NEW_YORK).reasonCode()).isEqualTo(expected);
    }
}
