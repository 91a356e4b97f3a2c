package sa.navaia.dialer.campaign;

import java.time.DateTimeException;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import sa.navaia.dialer.agent.Agents;
import sa.navaia.dialer.phone.PhoneNumbers;

/**
 * A campaign's settings as a person types them, in the command line ({@code campaign create}), the
 * console's form or the API's JSON: the one place where they are checked. Every field is text (or
 * null: the product's default, or the campaign's current value when editing); {@link #toCampaign}
 * checks all of them at once and names each bad field the way its caller spells it ({@code label}:
 * {@code --caller-id} for the CLI, {@code callerId} for the API).
 */
public record CampaignForm(String name, String agent, String callerId, String region, String countries, String zone,
                           String window, String days, String regionWindows, String consentRequired, String attempts,
                           String backoff, String minGap, String cps, String liveCalls, String machineDetection) {

    public static final List<String> FIELDS = List.of("name", "agent", "callerId", "region", "countries", "zone",
            "window", "days", "regionWindows", "consentRequired", "attempts", "backoff", "minGap", "cps", "liveCalls",
            "machineDetection");
    public static final Set<String> MACHINE_DETECTION = Set.of("Enable", "DetectMessageEnd", "None");
    private static final BigDecimal MAX_CPS = BigDecimal.valueOf(1000);

    /** The form of an existing campaign, every field filled in as a person would type it. */
    public static CampaignForm of(Campaign c) {
        return new CampaignForm(c.name(), c.agentName(), c.callerId(), c.defaultRegion(),
                String.join(",", new TreeSet<>(c.allowedCountries())), c.timeZone().getId(),
                c.windowStart() + "-" + c.windowEnd(),
                c.allowedDays().stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(",")),
                c.regionWindows().orElse(null), String.valueOf(c.requiresConsent()), String.valueOf(c.maxAttempts()),
                c.retryBackoff().stream().map(d -> String.valueOf(d.toMinutes())).collect(Collectors.joining(",")),
                String.valueOf(c.minGap().toMinutes()), stripZeros(c.callsPerSecond()), String.valueOf(c.maxLiveCalls()),
                c.machineDetection());
    }

    /** This form with each field of {@code changes} that is not null put over it. */
    public CampaignForm with(CampaignForm changes) {
        return new CampaignForm(pick(changes.name, name), pick(changes.agent, agent), pick(changes.callerId, callerId),
                pick(changes.region, region), pick(changes.countries, countries), pick(changes.zone, zone),
                pick(changes.window, window), pick(changes.days, days), pick(changes.regionWindows, regionWindows),
                pick(changes.consentRequired, consentRequired), pick(changes.attempts, attempts),
                pick(changes.backoff, backoff), pick(changes.minGap, minGap), pick(changes.cps, cps),
                pick(changes.liveCalls, liveCalls), pick(changes.machineDetection, machineDetection));
    }

    /**
     * A new draft campaign, or {@code existing} with these settings. Throws {@link InvalidFieldsException}
     * naming every bad field.
     */
    public Campaign toCampaign(Optional<Campaign> existing, Agents agents, String defaultCallerId, Instant now,
                               UnaryOperator<String> label) {
        List<FieldError> errors = new ArrayList<>();
        Checker check = new Checker(errors, label);
        String campaignName = check.name(name);
        String agentName = check.agent(agents, agent);
        String caller = callerId != null && !callerId.isBlank() ? callerId.strip() : defaultCallerId;
        if (!PhoneNumbers.isE164(caller)) {
            check.error("callerId", " must be an E.164 number like +19383362295; got \"" + caller + "\".");
        }
        String regionCode = orDefault(region, "US").toUpperCase(Locale.ROOT);
        if (!regionCode.matches("[A-Z]{2}")) {
            check.error("region", " must be a two-letter country code such as US or GB; got \"" + region + "\".");
        }
        Set<String> allowed = countries == null || countries.isBlank() ? Set.of(regionCode)
                : Arrays.stream(countries.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        allowed.stream().filter(c -> !c.matches("[A-Z]{2}")).findFirst().ifPresent(c -> check.error("countries",
                " takes two-letter country codes, comma-separated, like US,CA; got \"" + c + "\"."));
        ZoneId zoneId = check.zone(orDefault(zone, "UTC"));
        LocalTime[] hours = check.window(orDefault(window, "08:00-21:00"));
        Set<DayOfWeek> dayset = check.days(orDefault(days, "MON-SUN"));
        boolean consent = check.bool("consentRequired", orDefault(consentRequired, "true"));
        int maxAttempts = check.integer("attempts", orDefault(attempts, "3"), 1, "at least 1");
        List<Duration> backoffs = check.backoff(orDefault(backoff, "60,240,1440"));
        int gap = check.integer("minGap", orDefault(minGap, "60"), 0, "whole minutes, 0 or more");
        double rate = check.cps(orDefault(cps, "1"));
        int live = check.integer("liveCalls", orDefault(liveCalls, "10"), 1, "at least 1");
        String detection = orDefault(machineDetection, "Enable");
        if (!MACHINE_DETECTION.contains(detection)) {
            check.error("machineDetection", " must be Enable, DetectMessageEnd or None; got \"" + detection + "\".");
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldsException(errors);
        }
        Campaign base = existing.map(c -> new Campaign(c.id(), campaignName, c.status(), agentName, caller, regionCode,
                        c.allowedCountries(), c.timeZone(), c.windowStart(), c.windowEnd(), c.allowedDays(),
                        c.regionWindows(), c.requiresConsent(), c.maxAttempts(), c.retryBackoff(), c.minGap(),
                        c.machineDetection(), c.callsPerSecond(), c.maxLiveCalls(), c.cron(), c.inboxDir(), c.createdAt(),
                        c.updatedAt()))
                .orElseGet(() -> Campaign.draft(campaignName, agentName, caller, regionCode, now));
        return base.withDialing(allowed, zoneId, hours[0], hours[1], dayset,
                Optional.ofNullable(regionWindows).filter(s -> !s.isBlank()).map(String::strip), consent, maxAttempts,
                backoffs, Duration.ofMinutes(gap), detection, rate, live);
    }

    private static String pick(String change, String current) {
        return change != null ? change : current;
    }

    private static String orDefault(String value, String defaultValue) {
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    private static String stripZeros(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** Collects one sentence per bad field, each starting with the field as the caller names it. */
    private record Checker(List<FieldError> errors, UnaryOperator<String> label) {

        void error(String field, String rest) {
            errors.add(new FieldError(field, label.apply(field) + rest));
        }

        String name(String value) {
            if (value == null || value.isBlank() || value.strip().length() > 100) {
                error("name", " is required: a unique name of 1 to 100 characters, like \"Spring renewals\".");
                return "";
            }
            return value.strip();
        }

        String agent(Agents agents, String value) {
            String wanted = value == null || value.isBlank() ? agents.first().name() : value.strip();
            return agents.find(wanted).map(a -> a.name()).orElseGet(() -> {
                error("agent", " names no configured agent: there is no agent named \"" + wanted
                        + "\"; the configured agents are " + agents.names() + ".");
                return wanted;
            });
        }

        ZoneId zone(String value) {
            try {
                return ZoneId.of(value);
            } catch (DateTimeException e) {
                error("zone", " must be an IANA zone such as America/New_York; got \"" + value + "\".");
                return ZoneId.of("UTC");
            }
        }

        LocalTime[] window(String value) {
            String[] parts = value.split("-");
            try {
                if (parts.length == 2) {
                    return new LocalTime[] {LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip())};
                }
            } catch (DateTimeException e) {
                // reported below
            }
            error("window", " must be two times of day as HH:MM-HH:MM, like 08:00-21:00; got \"" + value + "\".");
            return new LocalTime[] {Campaign.DEFAULT_WINDOW_START, Campaign.DEFAULT_WINDOW_END};
        }

        Set<DayOfWeek> days(String value) {
            try {
                return CampaignRepository.parseDays(value);
            } catch (IllegalArgumentException e) {
                error("days", " must be days such as MON-FRI or MON,WED,FRI; got \"" + value + "\": " + e.getMessage());
                return Set.of(DayOfWeek.values());
            } catch (ArrayIndexOutOfBoundsException e) {
                error("days", " must be days such as MON-FRI or MON,WED,FRI; got \"" + value + "\".");
                return Set.of(DayOfWeek.values());
            }
        }

        boolean bool(String field, String value) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                error(field, " must be true or false; got \"" + value + "\".");
            }
            return Boolean.parseBoolean(value);
        }

        int integer(String field, String value, int min, String rule) {
            try {
                int number = Integer.parseInt(value);
                if (number >= min) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            error(field, " must be a whole number, " + rule + "; got \"" + value + "\".");
            return min;
        }

        /** Calls per second as stored: hundredths from 0.01 to 1000, so a rate is never rounded silently. */
        double cps(String value) {
            try {
                BigDecimal rate = new BigDecimal(value.strip());
                if (rate.signum() > 0 && rate.compareTo(MAX_CPS) <= 0 && rate.stripTrailingZeros().scale() <= 2) {
                    return rate.doubleValue();
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            error("cps", " must be a number of calls per second from 0.01 to 1000, in hundredths at most, e.g. 1, 0.5"
                    + " or 0.25; got \"" + value + "\".");
            return 1;
        }

        List<Duration> backoff(String value) {
            List<Duration> minutes = new ArrayList<>();
            for (String part : value.split(",")) {
                String text = part.strip();
                if (text.isEmpty()) {
                    continue;
                }
                try {
                    long m = Long.parseLong(text);
                    if (m >= 1) {
                        minutes.add(Duration.ofMinutes(m));
                        continue;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                error("backoff", " takes whole minutes above 0, comma-separated, like 60,240,1440; got \"" + text + "\".");
                return List.of(Duration.ofHours(1));
            }
            return minutes;
        }
    }
}
