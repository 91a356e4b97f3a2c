package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.state.CallCounts;

/** The state rules apply in the state the list gives, over the number's area code: a person keeps their number when they move. */
class DialDeciderStateIT {

    /** 20:30 in New York and 19:30 in Oklahoma City (summer). */
    private static final Instant NOW = Instant.parse("2026-07-16T00:30:00Z");

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void theListsStateWinsOverTheAreaCode(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            DialDecider decider = new DialDecider(new PhoneNumbers(), new CallCounts(db.dataSource()), Optional.empty(),
                    Clock.fixed(NOW, ZoneOffset.UTC));
            Campaign draft = Campaign.draft("states", "agent", "+19383362295", "US", NOW).withStatus(CampaignStatus.ACTIVE);
            Campaign campaign = draft.withDialing(draft.allowedCountries(), draft.timeZone(), LocalTime.of(8, 0),
                    LocalTime.of(21, 0), EnumSet.allOf(DayOfWeek.class), Optional.empty(), false, 3, draft.retryBackoff(),
                    draft.minGap(), draft.machineDetection(), 1.0, 10);

            assertThat(decider.decide(campaign, contact("+12125550100", Optional.empty())).code()).isEqualTo("eligible");
            assertThat(decider.decide(campaign, contact("+12125550100", Optional.of("FL"))).code())
                    .isEqualTo("state_calling_hours_FL");
            assertThat(decider.decide(campaign, contact("+14055550100", Optional.empty())).code()).isEqualTo("eligible");
            Instant later = Instant.parse("2026-07-16T01:30:00Z");
            DialDecider atHalfPastEightInOklahoma = new DialDecider(new PhoneNumbers(), new CallCounts(db.dataSource()),
                    Optional.empty(), Clock.fixed(later, ZoneOffset.UTC));
            assertThat(atHalfPastEightInOklahoma.decide(campaign, contact("+14055550100", Optional.empty())).code())
                    .isEqualTo("state_calling_hours_OK");
            assertThat(atHalfPastEightInOklahoma.decide(campaign, contact("+14055550100", Optional.of("NY"))).code())
                    .as("moved to New York, where no state rule narrows the hours").isEqualTo("eligible");
        }
    }

    private static DueContact contact(String phone, Optional<String> usState) {
        return new DueContact(1, 1, phone, Optional.empty(), Optional.empty(), true, "pending", 0, Optional.empty(),
                Optional.empty(), Optional.empty(), usState);
    }
}
