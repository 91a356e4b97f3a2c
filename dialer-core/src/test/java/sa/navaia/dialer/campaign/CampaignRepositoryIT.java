package sa.navaia.dialer.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.db.TestDatabase;

class CampaignRepositoryIT {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T04:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void storesAndReadsBackEveryDialingParameter(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            Campaign draft = Campaign.draft("spring-renewals", "support", "+19383362295", "US", clock.instant())
                    .withDialing(Set.of("US", "CA"), ZoneId.of("America/New_York"), LocalTime.of(9, 0),
                            LocalTime.of(20, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                            Optional.of("US-FL=08:00-20:00"), false, 5,
                            List.of(Duration.ofMinutes(30), Duration.ofHours(2)), Duration.ofMinutes(45),
                            "DetectMessageEnd", 12.5, 40);

            Campaign stored = campaigns.create(draft);

            assertThat(stored.id()).isPositive();
            assertThat(stored).usingRecursiveComparison().ignoringFields("id").isEqualTo(draft);
            assertThat(campaigns.find("spring-renewals")).contains(stored);
            assertThat(campaigns.find(stored.id().toString())).contains(stored);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void refusesASecondCampaignWithTheSameName(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            campaigns.create(Campaign.draft("winter", "sales", "+19383362295", "US", clock.instant()));

            assertThatThrownBy(() -> campaigns.create(Campaign.draft("winter", "sales", "+19383362295", "US", clock.instant())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("A campaign named \"winter\" exists already");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void changesStatusOnlyFromTheExpectedOne(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            long id = campaigns.create(Campaign.draft("c", "sales", "+19383362295", "US", clock.instant())).id();

            assertThat(campaigns.changeStatus(id, CampaignStatus.DRAFT, CampaignStatus.ACTIVE)).isTrue();
            assertThat(campaigns.changeStatus(id, CampaignStatus.DRAFT, CampaignStatus.ACTIVE)).isFalse();
            assertThat(campaigns.findById(id).orElseThrow().status()).isEqualTo(CampaignStatus.ACTIVE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void savingSettingsNeverUndoesAPauseNorChangesAnEndedCampaign(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            CampaignRepository campaigns = new CampaignRepository(db.dataSource(), clock);
            long id = campaigns.create(Campaign.draft("spring", "sales", "+19383362295", "US", clock.instant())).id();
            campaigns.changeStatus(id, CampaignStatus.DRAFT, CampaignStatus.ACTIVE);
            Campaign readBeforeThePause = campaigns.findById(id).orElseThrow();
            campaigns.changeStatus(id, CampaignStatus.ACTIVE, CampaignStatus.PAUSED);

            Campaign saved = campaigns.update(readBeforeThePause.withCron("0 0 18 ? * MON-FRI"));

            assertThat(saved.status()).as("the pause committed meanwhile stands").isEqualTo(CampaignStatus.PAUSED);
            assertThat(saved.cron()).contains("0 0 18 ? * MON-FRI");

            campaigns.changeStatus(id, CampaignStatus.PAUSED, CampaignStatus.CANCELLED);
            assertThatThrownBy(() -> campaigns.update(saved.withCron("0 0 9 ? * MON-FRI")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Campaign \"spring\" is cancelled; its settings can no longer change.");
            assertThat(campaigns.findById(id).orElseThrow().cron()).contains("0 0 18 ? * MON-FRI");
        }
    }
}
