package sa.navaia.dialer.dnc;

import static org.assertj.core.api.Assertions.assertThat;

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
}
