package sa.navaia.dialer.dnc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.db.TestDatabase;

class DoNotCallRepositoryIT {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T04:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void theSystemListStopsEveryCampaignAndACampaignListOnlyItsOwn(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            DoNotCallRepository dnc = new DoNotCallRepository(db.dataSource(), clock);
            dnc.add("+19385550001", DoNotCallScope.SYSTEM, "opt-out", "please stop calling me", "vs_1");
            dnc.add("+19385550002", DoNotCallScope.campaign(7), "manual", null, null);

            assertThat(dnc.listing("+19385550001", 7)).contains(DoNotCallScope.SYSTEM);
            assertThat(dnc.listing("+19385550001", 8)).contains(DoNotCallScope.SYSTEM);
            assertThat(dnc.listing("+19385550002", 7)).contains(DoNotCallScope.campaign(7));
            assertThat(dnc.listing("+19385550002", 8)).isEmpty();
            assertThat(dnc.listedAmong(List.of("+19385550001", "+19385550002", "+19385550003"), 8))
                    .containsExactly("+19385550001");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void addingANumberTwiceKeepsOneEntry(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            DoNotCallRepository dnc = new DoNotCallRepository(db.dataSource(), clock);

            assertThat(dnc.add("+19385550001", DoNotCallScope.SYSTEM, "opt-out", null, "vs_1")).isTrue();
            assertThat(dnc.add("+19385550001", DoNotCallScope.SYSTEM, "opt-out", null, "vs_2")).isFalse();
            assertThat(dnc.entries(DoNotCallScope.SYSTEM)).singleElement()
                    .satisfies(entry -> assertThat(entry.sessionId()).contains("vs_1"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void everyEntryKeepsSourceTimeWhoAndReasonAndARemovalKeepsTheEntryInTheHistory(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            DoNotCallRepository dnc = new DoNotCallRepository(db.dataSource(), clock);
            dnc.add("+19385550001", DoNotCallScope.SYSTEM, "letter", "asked by letter of 2026-11-20", null, "jane");

            assertThat(dnc.search("555000", 10)).singleElement().satisfies(entry -> {
                assertThat(entry.source()).isEqualTo("letter");
                assertThat(entry.addedBy()).contains("jane");
                assertThat(entry.reason()).contains("asked by letter of 2026-11-20");
                assertThat(entry.addedAt()).isEqualTo(clock.instant());
            });
            assertThatThrownBy(() -> dnc.remove("+19385550001", DoNotCallScope.SYSTEM, "omar", " "))
                    .hasMessageContaining("who does it and why");
            assertThat(dnc.remove("+19385550001", DoNotCallScope.SYSTEM, "omar", "consent given again in writing")).isTrue();
            assertThat(dnc.remove("+19385550001", DoNotCallScope.SYSTEM, "omar", "twice")).isFalse();

            assertThat(dnc.listing("+19385550001", 7)).isEmpty();
            assertThat(dnc.search("555000", 10)).isEmpty();
            assertThat(dnc.searchRemovals("555000", 10)).singleElement()
                    .satisfies(removal -> assertThat(removal.entry().phoneE164()).isEqualTo("+19385550001"));
            assertThat(dnc.removalsOf("+19385550001")).singleElement().satisfies(removal -> {
                assertThat(removal.removedBy()).isEqualTo("omar");
                assertThat(removal.reason()).isEqualTo("consent given again in writing");
                assertThat(removal.entry().addedBy()).contains("jane");
                assertThat(removal.entry().reason()).contains("asked by letter of 2026-11-20");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anImportAddsOnlyTheNumbersNotListedYetAndAListPagesInOrder(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            DoNotCallRepository dnc = new DoNotCallRepository(db.dataSource(), clock);
            DoNotCallScope campaign = DoNotCallScope.campaign(3);
            dnc.add("+19385550002", campaign, "manual", "asked", null, "jane");

            int added = dnc.addAll(List.of("+19385550001", "+19385550002", "+19385550003"), campaign, "import", "client list", "ops");

            assertThat(added).isEqualTo(2);
            assertThat(dnc.count(campaign)).isEqualTo(3);
            assertThat(dnc.count(DoNotCallScope.SYSTEM)).isZero();
            assertThat(dnc.entries(campaign, 1, 5)).extracting(DoNotCallEntry::phoneE164)
                    .containsExactly("+19385550001", "+19385550003");
            assertThat(campaign.campaignId()).contains(3L);
        }
    }
}
