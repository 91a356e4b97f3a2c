package sa.navaia.dialer.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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

/** Registry freshness and listing on a fixed clock, the registry's file formats (the FTC's, as documented) and compact store. */
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
        DialCandidate candidate = candidate(new RegistryStatus(applies, 212, snapshot, listed, exempt));

        Decision decision = EligibilityRules.decide(candidate, RULES, NOW);

        assertThat(decision.code()).as(decision.detail()).isEqualTo(code);
        assertThat(decision.registryDate()).isEqualTo(applies ? snapshot : Optional.empty());
    }

    @Test
    void aStaleSkipNamesTheAreaCodeAndItsDate() {
        DialCandidate never = candidate(RegistryStatus.checked(305, Optional.empty(), false, false));
        DialCandidate old = candidate(RegistryStatus.checked(212, Optional.of(LocalDate.of(2026, 6, 1)), false, false));

        assertThat(EligibilityRules.decide(never, RULES, NOW).detail()).contains("area code 305 was never imported");
        assertThat(EligibilityRules.decide(old, RULES, NOW).detail()).contains("area code 212 was last imported as of 2026-06-01");
    }

    @ParameterizedTest(name = "{1} list: \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            212,5551234                   | FULL   | 212 | 5551234 | true
            2125551234                    | FULL   | 212 | 5551234 | true
            "212","5551234"               | FULL   | 212 | 5551234 | true
            212,5551234,20261120,A        | CHANGE | 212 | 5551234 | true
            "212","5551234","D"           | CHANGE | 212 | 5551234 | false
            212,5551234,2026-11-20,DELETE | CHANGE | 212 | 5551234 | false
            2125551234,ADD                | CHANGE | 212 | 5551234 | true
            """)
    void readsTheFullAndChangeListRecords(String line, RegistryFile.Kind kind, int areaCode, int subscriber, boolean added) {
        assertThat(RegistryFile.parse(line, kind, false)).contains(new RegistryFile.Entry(areaCode, subscriber, added));
    }

    @ParameterizedTest(name = "{1} list: \"{0}\" is refused ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            212,5551234,X                 | CHANGE | neither an add/delete marker
            212,5551234,20261120          | CHANGE | no add/delete marker
            212,5551234                   | CHANGE | no add/delete marker
            212,5551234,A,D               | CHANGE | two add/delete markers
            212,5551234,REMOVED,A         | CHANGE | neither an add/delete marker
            212,5551234,A                 | FULL   | Import it with --kind change
            212,123                       | FULL   | seven
            055,5551234                   | FULL   | not a US number
            AreaCode,PhoneNumber          | FULL   | not a US number
            """)
    void aRecordThatDoesNotReadIsRefusedNeverGuessed(String line, RegistryFile.Kind kind, String why) {
        assertThatThrownBy(() -> RegistryFile.parse(line, kind, false)).hasMessageContaining(why);
    }

    @Test
    void aHeaderOnTheFirstLineAndBlanksAreSkipped() {
        assertThat(RegistryFile.parse("AreaCode,PhoneNumber", RegistryFile.Kind.FULL, true)).isEmpty();
        assertThat(RegistryFile.parse("  ", RegistryFile.Kind.CHANGE, false)).isEmpty();
    }

    /** The fixtures of src/test/resources/registry/ftc, laid out as the FTC documents its files (see the README there). */
    @Test
    void readsTheFtcFilesAsDocumented() throws IOException {
        RegistryFile.Contents full212 = read("full-212.txt", RegistryFile.Kind.FULL);
        RegistryFile.Contents full646 = read("full-646.txt", RegistryFile.Kind.FULL);
        RegistryFile.Contents changes = read("change-212-646.txt", RegistryFile.Kind.CHANGE);

        assertThat(full212.areaCodes()).containsExactly(212);
        assertThat(full212.adds[212].size).isEqualTo(4);
        assertThat(full646.areaCodes()).containsExactly(646);
        assertThat(full646.adds[646].size).isEqualTo(3);
        assertThat(changes.areaCodes()).containsExactly(212, 646);
        assertThat(changes.removes[212].values[0]).isEqualTo(5550001);
        assertThat(changes.adds[212].values[0]).isEqualTo(5550009);
        assertThat(changes.adds[646].values[0]).isEqualTo(5550004);
    }

    @Test
    void aChangeListWithAnUnknownMarkerIsRefusedWholeNamingItsLines() {
        assertThatThrownBy(() -> read("change-unknown-marker.txt", RegistryFile.Kind.CHANGE))
                .isInstanceOf(RegistryFile.Unreadable.class)
                .hasMessageContaining("The change list was not imported: 2 of its 3 line(s) cannot be read")
                .hasMessageContaining("line 2: \"212,5550010,2026-11-22,X\" has \"X\", which is neither an add/delete marker")
                .hasMessageContaining("line 3: \"212,5550011,2026-11-22\" has no add/delete marker");
        assertThatThrownBy(() -> read("full-list.xml", RegistryFile.Kind.FULL))
                .isInstanceOf(RegistryFile.Unreadable.class).hasMessageContaining("download the registry's flat text file");
    }

    private static RegistryFile.Contents read(String fixture, RegistryFile.Kind kind) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                RegistryRulesTest.class.getResourceAsStream("/registry/ftc/" + fixture), StandardCharsets.US_ASCII))) {
            return RegistryFile.read(reader, kind, lines -> { });
        }
    }

    private static DialCandidate candidate(RegistryStatus registry) {
        return new DialCandidate(1, "+12125550100", List.of(ZoneId.of("America/New_York")), "US",
                Optional.of("US-NY"), true, 0, Optional.empty(), false, false, CampaignStatus.ACTIVE, true,
                CallCounts.Recent.NONE, registry);
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
