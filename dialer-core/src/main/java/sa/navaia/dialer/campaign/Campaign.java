package sa.navaia.dialer.campaign;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A campaign: who calls (agent, caller ID), whom (allowed countries, default region for national
 * numbers), when (the recipient-local calling window and days, stricter region windows), how often
 * (attempts, backoff, minimum gap) and how fast (calls per second, live calls).
 */
public record Campaign(
        Long id,
        String name,
        CampaignStatus status,
        String agentName,
        String callerId,
        String defaultRegion,
        Set<String> allowedCountries,
        ZoneId timeZone,
        LocalTime windowStart,
        LocalTime windowEnd,
        Set<DayOfWeek> allowedDays,
        Optional<String> regionWindows,
        boolean requiresConsent,
        int maxAttempts,
        List<Duration> retryBackoff,
        Duration minGap,
        String machineDetection,
        double callsPerSecond,
        int maxLiveCalls,
        Optional<String> cron,
        Optional<String> inboxDir,
        Instant createdAt,
        Instant updatedAt) {

    public static final LocalTime DEFAULT_WINDOW_START = LocalTime.of(8, 0);
    public static final LocalTime DEFAULT_WINDOW_END = LocalTime.of(21, 0);

    public Campaign {
        allowedCountries = Set.copyOf(allowedCountries);
        allowedDays = allowedDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowedDays));
        retryBackoff = List.copyOf(retryBackoff);
    }

    /**
     * A new draft with the product's defaults: 08:00–21:00 every day in the recipient's zone, consent
     * required (an AI voice is an artificial voice under US rules), three attempts an hour, four hours
     * and a day apart, machine detection on, one call per second.
     */
    public static Campaign draft(String name, String agentName, String callerId, String defaultRegion, Instant now) {
        return new Campaign(null, name, CampaignStatus.DRAFT, agentName, callerId, defaultRegion,
                Set.of(defaultRegion), ZoneId.of("UTC"), DEFAULT_WINDOW_START, DEFAULT_WINDOW_END,
                EnumSet.allOf(DayOfWeek.class), Optional.empty(), true, 3,
                List.of(Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(1)), Duration.ofHours(1),
                "Enable", 1.0, 10, Optional.empty(), Optional.empty(), now, now);
    }

    public Campaign withStatus(CampaignStatus newStatus) {
        return new Campaign(id, name, newStatus, agentName, callerId, defaultRegion, allowedCountries, timeZone,
                windowStart, windowEnd, allowedDays, regionWindows, requiresConsent, maxAttempts, retryBackoff,
                minGap, machineDetection, callsPerSecond, maxLiveCalls, cron, inboxDir, createdAt, updatedAt);
    }

    public Campaign withCron(String cronExpression) {
        return new Campaign(id, name, status, agentName, callerId, defaultRegion, allowedCountries, timeZone,
                windowStart, windowEnd, allowedDays, regionWindows, requiresConsent, maxAttempts, retryBackoff,
                minGap, machineDetection, callsPerSecond, maxLiveCalls, Optional.ofNullable(cronExpression),
                inboxDir, createdAt, updatedAt);
    }

    /** The same campaign with other dialing parameters; identity and timestamps are kept. */
    public Campaign withDialing(Set<String> countries, ZoneId zone, LocalTime start, LocalTime end,
            Set<DayOfWeek> days, Optional<String> regionRules, boolean consentRequired, int attempts,
            List<Duration> backoff, Duration gap, String detection, double cps, int liveCalls) {
        return new Campaign(id, name, status, agentName, callerId, defaultRegion, countries, zone, start, end, days,
                regionRules, consentRequired, attempts, backoff, gap, detection, cps, liveCalls, cron, inboxDir,
                createdAt, updatedAt);
    }

    /** The wait before the next attempt after {@code attemptsMade} attempts; the last value repeats. */
    public Duration backoffAfter(int attemptsMade) {
        if (retryBackoff.isEmpty()) {
            return minGap;
        }
        int index = Math.min(Math.max(attemptsMade, 1), retryBackoff.size()) - 1;
        return retryBackoff.get(index);
    }
}
