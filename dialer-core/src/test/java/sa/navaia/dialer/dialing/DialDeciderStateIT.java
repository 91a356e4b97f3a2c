package sa.navaia.dialer.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.eligibility.Decision;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.state.CallCounts;

/**
 * The state rules apply in the state the list gives, over the number's area code: a person keeps their number when they
 * move. On H2 and MariaDB.
 */
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

    /**
     * Independence Day 2026 is a Saturday; Alabama observes it on Friday 3 July and allows no calls on Sunday. A New York
     * number whose list says Alabama is skipped on the Friday in its own zone, is not read again on the Saturday or the
     * Sunday, and is due on Monday at 08:00 in New York; the same number without a state is dialed on the Friday.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aContactOnItsStatesHolidayWaitsUnreadUntilTheNextAllowedDay(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            Instant observedHoliday = Instant.parse("2026-07-03T15:00:00Z");
            Clock clock = Clock.fixed(observedHoliday, ZoneOffset.UTC);
            Campaign campaign = new CampaignRepository(db.dataSource(), clock)
                    .create(Campaign.draft("holidays", "agent", "+19383362295", "US", observedHoliday))
                    .withStatus(CampaignStatus.ACTIVE);
            JdbcClient.create(db.dataSource()).sql("""
                    INSERT INTO contacts (campaign_id, phone_e164, consent, status, attempts_made, us_state, created_at, updated_at)
                    VALUES (:campaignId, '+12125550100', TRUE, 'pending', 0, 'AL', :now, :now)""")
                    .param("campaignId", campaign.id()).param("now", LocalDateTime.ofInstant(observedHoliday, ZoneOffset.UTC))
                    .update();
            DialingContactRepository contacts = new DialingContactRepository(db.dataSource(), clock);
            DueContact due = contacts.duePage(campaign.id(), observedHoliday, 0, 10).get(0);
            DialDecider decider = new DialDecider(new PhoneNumbers(), new CallCounts(db.dataSource()), Optional.empty(), clock);

            Decision decision = decider.decide(campaign, due);
            contacts.postponeAll(Map.of(due.id(), decision.notBefore().orElseThrow()));

            Instant mondayMorningInNewYork = Instant.parse("2026-07-06T12:00:00Z");
            assertThat(decision.code()).as(decision.detail()).isEqualTo("state_holiday_AL");
            assertThat(decision.detail()).contains("2026-07-03 in America/New_York is Independence Day (observed)");
            assertThat(decision.notBefore()).contains(mondayMorningInNewYork);
            assertThat(contacts.duePage(campaign.id(), Instant.parse("2026-07-04T15:00:00Z"), 0, 10)).isEmpty();
            assertThat(contacts.duePage(campaign.id(), Instant.parse("2026-07-05T15:00:00Z"), 0, 10)).isEmpty();
            List<DueContact> monday = contacts.duePage(campaign.id(), mondayMorningInNewYork, 0, 10);
            assertThat(monday).extracting(DueContact::id).containsExactly(due.id());
            assertThat(new DialDecider(new PhoneNumbers(), new CallCounts(db.dataSource()), Optional.empty(),
                    Clock.fixed(mondayMorningInNewYork, ZoneOffset.UTC)).decide(campaign, monday.get(0)).code()).isEqualTo("eligible");
            assertThat(decider.decide(campaign, contact("+12125550100", Optional.empty())).code())
                    .as("New York names no holidays").isEqualTo("eligible");
        }
    }

    private static DueContact contact(String phone, Optional<String> usState) {
        return new DueContact(1, 1, phone, Optional.empty(), Optional.empty(), true, "pending", 0, Optional.empty(),
                Optional.empty(), Optional.empty(), usState);
    }
}
