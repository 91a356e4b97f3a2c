package sa.navaia.dialer.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.db.TestDatabase;

class NationalRegistryIT {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aFullListThenAChangeListGiveTheRegistryOfTheLatestSnapshot(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            NationalRegistry registry = new NationalRegistry(db.dataSource(), clock);
            assertThat(registry.check("+12125550001")).isEqualTo(new NationalRegistry.Check(Optional.empty(), false));
            List<Long> progress = new ArrayList<>();

            NationalRegistry.Imported full = registry.importFull(reader("""
                    212,5550001
                    212,5550002
                    2125550002
                    4055550003
                    212,55
                    """), "2026-11-20.txt", LocalDate.of(2026, 11, 20), "ops", progress::add);
            NationalRegistry.Check listed = registry.check("+12125550001");
            NationalRegistry.Imported change = registry.importChanges(reader("""
                    212,5550001,20261122,D
                    212,5550009,20261122,A
                    """), "changes-2026-11-22.txt", LocalDate.of(2026, 11, 22), "ops", progress::add);

            assertThat(full.lines()).isEqualTo(5);
            assertThat(full.added()).isEqualTo(3);
            assertThat(full.rejected()).isEqualTo(1);
            assertThat(full.firstRejects()).singleElement().asString().startsWith("line 5: ");
            assertThat(listed).isEqualTo(new NationalRegistry.Check(Optional.of(LocalDate.of(2026, 11, 20)), true));
            assertThat(change.added()).isEqualTo(0);
            assertThat(registry.size()).isEqualTo(3);
            NationalRegistry fresh = new NationalRegistry(db.dataSource(), clock);
            assertThat(fresh.check("+12125550001")).isEqualTo(new NationalRegistry.Check(Optional.of(LocalDate.of(2026, 11, 22)), false));
            assertThat(fresh.check("+12125550009").listed()).isTrue();
            assertThat(fresh.check("+14055550003").listed()).isTrue();
            assertThat(fresh.check("+14055550004").listed()).isFalse();
            assertThat(fresh.check("+442071234567").listed()).isFalse();
        }
    }

    private static BufferedReader reader(String text) {
        return new BufferedReader(new StringReader(text));
    }
}
