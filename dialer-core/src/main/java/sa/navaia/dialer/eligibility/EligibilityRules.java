package sa.navaia.dialer.eligibility;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.state.HolidayCalendar;
import sa.navaia.dialer.state.StateRule;
import sa.navaia.dialer.state.StateRules;
import sa.navaia.dialer.window.CallingWindow;
import sa.navaia.dialer.window.RegionWindows;
import sa.navaia.dialer.window.CallingHours;
import sa.navaia.dialer.window.WindowDecision;

/**
 * The dial-time decision as a pure function of the candidate, the campaign's rules and the time.
 *
 * <p>Checks run so that the most permanent reason wins, which keeps the compliance report honest (a
 * number on the do-not-call list is reported as such even at 3 a.m.):
 * <ol>
 *   <li>system do-not-call list, 2. campaign do-not-call list, 3. the National Do Not Call Registry (a US number,
 *   unless its consent basis exempts it),</li>
 *   <li value="4">number no longer valid, 5. country not allowed,</li>
 *   <li value="6">consent missing when required, 7. attempts exhausted, 8. the registry older than 31 days,</li>
 *   <li value="9">time zone unknown, 10. campaign not active,</li>
 *   <li value="11">too soon since the last attempt, 12. the recipient's state's cap on calls per 24 hours
 *   ({@link StateRules}, counted across every campaign),</li>
 *   <li value="13">day not allowed, 14. outside the calling window, 15. outside the recipient's state's hours or days,
 *   16. a holiday of the recipient's state on the recipient's local date ({@link sa.navaia.dialer.state.StateHolidays}).</li>
 * </ol>
 * The instant a skip that time will cure may be tried again is the next opening that is not a holiday of the recipient's
 * state, so a contact is not read again on the holiday.
 * Only when all pass is the decision {@link ReasonCode#ELIGIBLE}. The same order is the declaration
 * order of {@link ReasonCode}.
 */
public final class EligibilityRules {

    private static final Duration DAY = Duration.ofHours(24);

    private EligibilityRules() {
    }

    private static String describe(CallingWindow window) {
        return window.hours() + (window.days().size() == 7 ? "" : " on " + window.days().stream().sorted()
                .map(d -> d.name().substring(0, 3)).collect(java.util.stream.Collectors.joining(",")));
    }

    public static Decision decide(DialCandidate candidate, CampaignRules rules, Instant now) {
        Decision decision = decideWithoutRegistryDate(candidate, rules, now);
        return candidate.registry().applies() ? decision.withRegistryDate(candidate.registry().snapshotDate()) : decision;
    }

    private static Decision decideWithoutRegistryDate(DialCandidate candidate, CampaignRules rules, Instant now) {
        String who = "Contact " + candidate.contactId() + " (" + PhoneNumbers.mask(candidate.phoneE164()) + ")";
        if (candidate.onSystemDnc()) {
            return Decision.skip(ReasonCode.DO_NOT_CALL_SYSTEM, who + " is on the do-not-call list.");
        }
        if (candidate.onCampaignDnc()) {
            return Decision.skip(ReasonCode.DO_NOT_CALL_CAMPAIGN, who + " is on this campaign's do-not-call list.");
        }
        RegistryStatus registry = candidate.registry();
        boolean registryStale = registry.applies() && !registry.exempt()
                && registry.stale(LocalDate.ofInstant(now, ZoneOffset.UTC));
        if (registry.applies() && !registry.exempt() && !registryStale && registry.listed()) {
            return Decision.skip(ReasonCode.NATIONAL_DO_NOT_CALL, who + " is on the National Do Not Call Registry (area code "
                    + registry.areaCode() + " as of " + registry.snapshotDate().orElseThrow()
                    + ") and has no consent basis that exempts it.");
        }
        if (!candidate.numberValid()) {
            return Decision.skip(ReasonCode.INVALID_NUMBER, who + " no longer has a dialable number.");
        }
        if (!rules.allowedRegions().isEmpty() && !rules.allowedRegions().contains(candidate.regionCode())) {
            return Decision.skip(ReasonCode.COUNTRY_NOT_ALLOWED, who + " has a number of " + candidate.regionCode()
                    + ", and this campaign calls only " + String.join(", ", rules.allowedRegions().stream().sorted().toList()) + ".");
        }
        if (rules.requiresConsent() && !candidate.consent()) {
            return Decision.skip(ReasonCode.NO_CONSENT, who + " has not given consent, and this campaign requires it.");
        }
        if (candidate.attemptsMade() >= rules.maxAttempts()) {
            return Decision.skip(ReasonCode.ATTEMPTS_EXHAUSTED, who + " has had " + candidate.attemptsMade()
                    + " of " + rules.maxAttempts() + " attempts.");
        }
        if (registryStale) {
            return new Decision(Decision.Action.SKIP, ReasonCode.REGISTRY_STALE, who + " is a US number and the National Do Not"
                    + " Call Registry's area code " + registry.areaCode() + " "
                    + registry.snapshotDate().map(d -> "was last imported as of " + d).orElse("was never imported")
                    + "; a call needs its area code's data no older than 31 days (16 CFR 310.4(b)(3)(iv)), or a consent basis"
                    + " that exempts the number. Import that area code's list: ops/dialer registry import.", Optional.empty(),
                    Optional.empty(), Optional.of(now.plus(Duration.ofHours(1))));
        }
        CallingHours hours = new CallingHours(rules.callingWindow(), rules.regionWindows());
        WindowDecision window = hours.check(now, candidate.zones(), candidate.regionCode(), candidate.subdivision());
        if (window.verdict() == WindowDecision.Verdict.UNKNOWN_TIME_ZONE) {
            return Decision.skip(ReasonCode.UNKNOWN_TIME_ZONE, who + ": " + window.detail());
        }
        if (candidate.campaignStatus() != CampaignStatus.ACTIVE) {
            return Decision.skip(ReasonCode.CAMPAIGN_NOT_ACTIVE, who + " was not dialed: the campaign is "
                    + candidate.campaignStatus().code() + ", not active.");
        }
        Optional<Instant> earliest = candidate.lastAttemptAt().map(last -> last.plus(rules.minGapBetweenAttempts()));
        if (earliest.isPresent() && now.isBefore(earliest.get())) {
            return new Decision(Decision.Action.SKIP, ReasonCode.TOO_SOON_SINCE_LAST_ATTEMPT,
                    who + " was last called at " + candidate.lastAttemptAt().get() + "; the campaign waits "
                            + rules.minGapBetweenAttempts() + " between attempts, so not before " + earliest.get() + ".",
                    window.zone(), window.localTime(), earliest);
        }
        Optional<StateRule> state = StateRules.forSubdivision(candidate.subdivision());
        if (state.isPresent() && state.get().maxCallsPer24Hours().isPresent()
                && candidate.recentCalls().calls() >= state.get().maxCallsPer24Hours().getAsInt()) {
            StateRule rule = state.get();
            Optional<Instant> later = candidate.recentCalls().earliest().map(first -> first.plus(DAY));
            return new Decision(Decision.Action.SKIP, ReasonCode.STATE_FREQUENCY_CAP, who + " has had "
                    + candidate.recentCalls().calls() + " call(s) in the last 24 hours, across every campaign; "
                    + rule.subdivision() + " allows " + rule.maxCallsPer24Hours().getAsInt() + " (" + rule.source() + ")."
                    + later.map(at -> " Not before " + at + ".").orElse(""),
                    window.zone(), window.localTime(), later, Optional.of(rule.state()));
        }
        Predicate<LocalDate> stateHoliday = date -> state.filter(rule -> rule.holidays().isHoliday(date)).isPresent();
        if (state.isPresent() && window.allowed()) {
            StateRule rule = state.get();
            CallingHours stateHours = new CallingHours(hours.windowFor(candidate.regionCode(), candidate.subdivision()),
                    new RegionWindows(Map.of(rule.subdivision(), rule.window())));
            WindowDecision stateWindow = stateHours.check(now, candidate.zones(), candidate.regionCode(), candidate.subdivision());
            Supplier<Optional<Instant>> stateOpening = () -> stateHours.nextOpening(now, candidate.zones(),
                    candidate.regionCode(), candidate.subdivision(), stateHoliday);
            if (!stateWindow.allowed()) {
                return new Decision(Decision.Action.SKIP, ReasonCode.STATE_CALLING_HOURS, who + ": " + stateWindow.detail()
                        + " " + rule.subdivision() + " allows " + describe(rule.window()) + " (" + rule.source() + ").",
                        stateWindow.zone(), stateWindow.localTime(), stateOpening.get(), Optional.of(rule.state()));
            }
            for (ZoneId zone : candidate.zones()) {
                LocalDateTime local = LocalDateTime.ofInstant(now, zone);
                Optional<HolidayCalendar.Match> holiday = rule.holidays().on(local.toLocalDate());
                if (holiday.isPresent()) {
                    Optional<Instant> opening = stateOpening.get();
                    return new Decision(Decision.Action.SKIP, ReasonCode.STATE_HOLIDAY, who + ": " + local.toLocalDate()
                            + " in " + zone + " is " + holiday.get().describe() + ", and " + rule.subdivision()
                            + " allows no calls on its holidays (" + rule.source() + "; the holidays: "
                            + rule.holidays().source() + ")." + opening.map(at -> " Not before " + at + ".").orElse(""),
                            Optional.of(zone), Optional.of(local), opening, Optional.of(rule.state()));
                }
            }
        }
        Optional<Instant> opening = window.allowed() ? Optional.empty()
                : hours.nextOpening(now, candidate.zones(), candidate.regionCode(), candidate.subdivision(), stateHoliday);
        return switch (window.verdict()) {
            case DAY_NOT_ALLOWED -> new Decision(Decision.Action.SKIP, ReasonCode.DAY_NOT_ALLOWED, who + ": " + window.detail(),
                    window.zone(), window.localTime(), opening);
            case OUTSIDE_CALLING_WINDOW -> new Decision(Decision.Action.SKIP, ReasonCode.OUTSIDE_CALLING_WINDOW,
                    who + ": " + window.detail(), window.zone(), window.localTime(), opening);
            case ALLOWED -> new Decision(Decision.Action.DIAL, ReasonCode.ELIGIBLE, who + " may be called: " + window.detail(),
                    window.zone(), window.localTime(), Optional.empty());
            case UNKNOWN_TIME_ZONE -> throw new IllegalStateException("handled above");
        };
    }
}
