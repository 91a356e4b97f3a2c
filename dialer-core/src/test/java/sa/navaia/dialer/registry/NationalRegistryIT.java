package sa.navaia.dialer.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.consent.ConsentRepository;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.eligibility.CampaignRules;
import sa.navaia.dialer.eligibility.Decision;
import sa.navaia.dialer.eligibility.DialCandidate;
import sa.navaia.dialer.eligibility.EligibilityRules;
import sa.navaia.dialer.state.CallCounts;
import sa.navaia.dialer.window.CallingWindow;
import sa.navaia.dialer.window.RegionWindows;

/** The registry imported area code by area code, as the FTC hands out its files, and judged fresh per area code. */
class NationalRegistryIT {

    /** 10:00 in New York. */
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void twoAreaCodeFullListsBothStayAndAFullListReplacesOnlyItsOwnAreaCode(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            NationalRegistry registry = new NationalRegistry(db.dataSource(), clock);
            assertThat(registry.check("+12125550001")).isEqualTo(new NationalRegistry.Check(212, Optional.empty(), false));

            NationalRegistry.Imported first = registry.importFull(fixture("full-212.txt"), "full-212.txt", TODAY.minusDays(5), "ops", l -> { });
            NationalRegistry.Imported second = registry.importFull(fixture("full-646.txt"), "full-646.txt", TODAY.minusDays(3), "ops", l -> { });

            assertThat(first.areaCodes()).containsExactly(212);
            assertThat(second.areaCodes()).containsExactly(646);
            assertThat(registry.check("+12125550001")).isEqualTo(new NationalRegistry.Check(212, Optional.of(TODAY.minusDays(5)), true));
            assertThat(registry.check("+16465550003")).isEqualTo(new NationalRegistry.Check(646, Optional.of(TODAY.minusDays(3)), true));
            assertThat(registry.size()).isEqualTo(7);

            registry.importFull(text("212,5550077\n"), "full-212-new.txt", TODAY.minusDays(1), "ops", l -> { });

            NationalRegistry fresh = new NationalRegistry(db.dataSource(), clock);
            assertThat(fresh.check("+12125550001")).as("212 replaced by its new list")
                    .isEqualTo(new NationalRegistry.Check(212, Optional.of(TODAY.minusDays(1)), false));
            assertThat(fresh.check("+12125550077").listed()).isTrue();
            assertThat(fresh.check("+16465550003")).as("646 untouched, with its own date")
                    .isEqualTo(new NationalRegistry.Check(646, Optional.of(TODAY.minusDays(3)), true));
            assertThat(fresh.oldest()).map(NationalRegistry.AreaCode::areaCode).contains(646);
            assertThat(fresh.size()).isEqualTo(4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aChangeListUpdatesAndDatesOnlyTheAreaCodesItNamesAndARefusedFileChangesNothing(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            NationalRegistry registry = new NationalRegistry(db.dataSource(), clock);
            registry.importFull(fixture("full-212.txt"), "full-212.txt", TODAY.minusDays(5), "ops", l -> { });
            registry.importFull(fixture("full-646.txt"), "full-646.txt", TODAY.minusDays(5), "ops", l -> { });
            registry.importFull(text("305,5550001\n"), "full-305.txt", TODAY.minusDays(5), "ops", l -> { });

            NationalRegistry.Imported change = registry.importChanges(fixture("change-212-646.txt"), "change-212-646.txt",
                    TODAY.minusDays(2), "ops", l -> { });

            assertThat(change.areaCodes()).containsExactly(212, 646);
            assertThat(change.added()).isEqualTo(1);
            assertThat(registry.check("+12125550001")).isEqualTo(new NationalRegistry.Check(212, Optional.of(TODAY.minusDays(2)), false));
            assertThat(registry.check("+12125550009").listed()).isTrue();
            assertThat(registry.check("+16465550004")).isEqualTo(new NationalRegistry.Check(646, Optional.of(TODAY.minusDays(2)), true));
            assertThat(registry.check("+13055550001")).as("a change list that does not name 305 leaves its date")
                    .isEqualTo(new NationalRegistry.Check(305, Optional.of(TODAY.minusDays(5)), true));

            assertThatThrownBy(() -> registry.importChanges(fixture("change-unknown-marker.txt"), "change-unknown-marker.txt",
                    TODAY, "ops", l -> { })).isInstanceOf(RegistryFile.Unreadable.class).hasMessageContaining("line 2: ");
            assertThatThrownBy(() -> registry.importChanges(text("415,5550001,2026-11-24,A\n212,5550002,2026-11-24,D\n"),
                    "change-415.txt", TODAY, "ops", l -> { })).isInstanceOf(RegistryFile.Unreadable.class)
                    .hasMessageContaining("area code(s) 415, which no full list was imported for");
            assertThatThrownBy(() -> registry.importFull(text("212,5550001\n212,55\n"), "bad.txt", TODAY, "ops", l -> { }))
                    .isInstanceOf(RegistryFile.Unreadable.class).hasMessageContaining("line 2: ");

            NationalRegistry fresh = new NationalRegistry(db.dataSource(), clock);
            assertThat(fresh.check("+12125550009").listed()).as("the refused files changed nothing").isTrue();
            assertThat(fresh.check("+12125550002")).isEqualTo(new NationalRegistry.Check(212, Optional.of(TODAY.minusDays(2)), true));
            assertThat(fresh.check("+14155550001")).isEqualTo(new NationalRegistry.Check(415, Optional.empty(), false));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aNumberIsDialedWhenItsOwnAreaCodeIsFreshWhateverTheOthers(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            NationalRegistry registry = new NationalRegistry(db.dataSource(), clock);
            registry.importFull(text("212,5550001\n"), "full-212.txt", TODAY.minusDays(31), "ops", l -> { });
            registry.importFull(text("646,5550001\n"), "full-646.txt", TODAY.minusDays(32), "ops", l -> { });
            RegistryCheck check = new RegistryCheck(registry, new ConsentRepository(db.dataSource(), clock));

            Decision fresh = decide(check, "+12125550002");
            Decision listed = decide(check, "+12125550001");
            Decision stale = decide(check, "+16465550002");
            Decision never = decide(check, "+13055550002");

            assertThat(fresh.code()).as(fresh.detail()).isEqualTo("eligible");
            assertThat(fresh.registryDate()).contains(TODAY.minusDays(31));
            assertThat(listed.code()).isEqualTo("national_do_not_call");
            assertThat(stale.code()).isEqualTo("registry_stale");
            assertThat(stale.registryDate()).contains(TODAY.minusDays(32));
            assertThat(stale.detail()).contains("area code 646 was last imported as of " + TODAY.minusDays(32));
            assertThat(never.code()).isEqualTo("registry_stale");
            assertThat(never.registryDate()).isEmpty();
            assertThat(never.detail()).contains("area code 305 was never imported");
        }
    }

    private Decision decide(RegistryCheck check, String e164) {
        DialCandidate candidate = new DialCandidate(1, e164, List.of(ZoneId.of("America/New_York")), "US", Optional.of("US-NY"),
                true, 0, Optional.empty(), false, false, CampaignStatus.ACTIVE, true, CallCounts.Recent.NONE, check.of(e164));
        return EligibilityRules.decide(candidate, new CampaignRules(false, 3, Duration.ZERO, CallingWindow.DEFAULT,
                RegionWindows.NONE, Set.of()), clock.instant());
    }

    private static BufferedReader fixture(String name) {
        return new BufferedReader(new InputStreamReader(NationalRegistryIT.class.getResourceAsStream("/registry/ftc/" + name),
                StandardCharsets.US_ASCII));
    }

    private static BufferedReader text(String text) {
        return new BufferedReader(new StringReader(text));
    }
}
