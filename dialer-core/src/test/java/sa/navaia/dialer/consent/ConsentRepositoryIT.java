package sa.navaia.dialer.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.DoNotCallScope;

class ConsentRepositoryIT {

    private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aConsentKeepsItsProvenanceAndARevocationTakesEffectAtOnce(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            ConsentRepository consents = new ConsentRepository(db.dataSource(), clock);
            consents.record(new ConsentRepository.NewConsent("+19385550001", "cust-1", Consent.Basis.EXPRESS_WRITTEN,
                    "web form acme.com/signup", Instant.parse("2026-11-20T14:03:00Z"), "tcpa-2026-03", "web_form", "jane"));

            assertThat(consents.active("+19385550001")).hasValueSatisfying(c -> {
                assertThat(c.basis()).isEqualTo(Consent.Basis.EXPRESS_WRITTEN);
                assertThat(c.source()).isEqualTo("web form acme.com/signup");
                assertThat(c.textVersion()).isEqualTo("tcpa-2026-03");
                assertThat(c.captureMethod()).isEqualTo("web_form");
                assertThat(c.recordedBy()).isEqualTo("jane");
                assertThat(c.recordedAt()).isEqualTo(NOW);
            });

            assertThat(consents.revoke("+19385550001", "said stop on a call", "receiver")).isOne();

            assertThat(consents.active("+19385550001")).isEmpty();
            assertThat(consents.history("+19385550001")).singleElement()
                    .satisfies(c -> assertThat(c.revocationSource()).contains("said stop on a call"));
            assertThat(new DoNotCallRepository(db.dataSource(), clock).listing("+19385550001", 1)).contains(DoNotCallScope.SYSTEM);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            express_written | true
            EBR             | true
            express         | false
            """)
    void theBasisSaysWhetherItExemptsANumberOnTheNationalRegistry(String basis, boolean exempts) {
        assertThat(Consent.Basis.of(basis).exemptsFromNationalRegistry()).isEqualTo(exempts);
        assertThatThrownBy(() -> Consent.Basis.of("verbal")).hasMessageContaining("express_written, express or ebr");
    }
}
