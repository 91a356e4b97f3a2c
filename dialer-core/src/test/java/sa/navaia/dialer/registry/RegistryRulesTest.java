package sa.navaia.dialer.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
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
import sa.navaia.dialer.eligibility.RegistryStatus;
import sa.navaia.dialer.state.CallCounts;
import sa.navaia.dialer.window.CallingWindow;
import sa.navaia.dialer.window.RegionWindows;

/** Registry freshness and listing on a fixed clock, and the registry's file format and compact store. */
class RegistryRulesTest {

    /** 14:00 in New York. */
    private static final Instant NOW = Instant.parse("2026-07-15T18:00:00Z");
    private static final CampaignRules RULES = new CampaignRules(false, 3, Duration.ZERO, CallingWindow.DEFAULT,
            RegionWindows.NONE, Set.of());

    @ParameterizedTest(name = "snapshot {0} days old, listed {1}, exempt {2}, applies {3}: {4}")
    @CsvSource(textBlock = """
            0,    false, false, true,  eligible
            31,   false, false, true,  eligible
            32,   false, false, true,  registry_stale
            32,   true,  false, true,  registry_stale
            never,false, false, true,  registry_stale
            32,   true,  true,  true,  eligible
            never,false, true,  true,  eligible
            3,    true,  false, true,  national_do_not_call
            3,    true,  true,  true,  eligible
            never,true,  false, false, eligible
            """)
    void aUsNumberNeedsAFreshSnapshotAndMustNotBeListedUnlessItsConsentExemptsIt(String age, boolean listed, boolean exempt,
                                                                                boolean applies, String code) {
        Optional<LocalDate> snapshot = age.equals("never") ? Optional.empty()
                : Optional.of(LocalDate.of(2026, 7, 15).minusDays(Integer.parseInt(age)));
        DialCandidate candidate = new DialCandidate(1, "+12125550100", List.of(ZoneId.of("America/New_York")), "US",
                Optional.of("US-NY"), true, 0, Optional.empty(), false, false, CampaignStatus.ACTIVE, true,
                CallCounts.Recent.NONE, new RegistryStatus(applies, snapshot, listed, exempt));

        Decision decision = EligibilityRules.decide(candidate, RULES, NOW);

        assertThat(decision.code()).as(decision.detail()).isEqualTo(code);
        assertThat(decision.registryDate()).isEqualTo(applies ? snapshot : Optional.empty());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            212,5551234                | 212 | 5551234 | true
            2125551234                 | 212 | 5551234 | true
            212,5551234,20261120,A     | 212 | 5551234 | true
            "212","5551234","D"        | 212 | 5551234 | false
            212,5551234,2026-11-20,DELETE | 212 | 5551234 | false
            """)
    void readsTheFullAndChangeListLines(String line, int areaCode, int subscriber, boolean added) {
        assertThat(RegistryFile.parse(line)).contains(new RegistryFile.Entry(areaCode, subscriber, added));
    }

    @Test
    void headersAndBlanksAreSkippedAndBadLinesSayWhy() {
        assertThat(RegistryFile.parse("AreaCode,PhoneNumber")).isEmpty();
        assertThat(RegistryFile.parse("  ")).isEmpty();
        assertThatThrownBy(() -> RegistryFile.parse("212,123")).hasMessageContaining("seven");
        assertThatThrownBy(() -> RegistryFile.parse("055,5551234")).hasMessageContaining("not a US number");
    }

    @Test
    void theCompactStoreAnswersLookupsAndAppliesChanges() {
        AreaCodeNumbers numbers = AreaCodeNumbers.of(new int[] {5550003, 5550001, 5550002, 5550001}, 4);
        AreaCodeNumbers changed = numbers.change(new int[] {5550009, 5550000}, 2, new int[] {5550002}, 1);

        assertThat(numbers.size()).isEqualTo(3);
        assertThat(AreaCodeNumbers.fromBytes(numbers.toBytes()).contains(5550002)).isTrue();
        assertThat(changed.size()).isEqualTo(4);
        assertThat(changed.contains(5550002)).isFalse();
        assertThat(changed.contains(5550000)).isTrue();
        assertThat(changed.contains(5550009)).isTrue();
        assertThat(changed.contains(5550004)).isFalse();
    }
}
