package sa.navaia.dialer.eligibility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One outcome's own retry rule: a contact whose calls ended this way {@code attempts} times is not called again for it,
 * and after the n-th such ending the next call waits {@code delays[n-1]} (the last delay repeats). Written
 * {@code busy=3:10,30} (three busy endings at most, 10 then 30 minutes apart).
 */
public record OutcomeRetry(int attempts, List<Duration> delays) {

    /** The outcomes a campaign may give their own rule. */
    public static final List<AttemptOutcome> RETRIED = List.of(AttemptOutcome.BUSY, AttemptOutcome.NO_ANSWER,
            AttemptOutcome.VOICEMAIL, AttemptOutcome.FAILED, AttemptOutcome.AGENT_UNAVAILABLE);

    public OutcomeRetry {
        if (attempts < 1) {
            throw new IllegalArgumentException("An outcome's attempts must be at least 1; got " + attempts + ".");
        }
        delays = List.copyOf(delays);
        if (delays.isEmpty() || delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("An outcome's delays must be one or more positive minutes, e.g. 30,120; got " + delays + ".");
        }
    }

    /** The wait after the n-th ending of this kind (1-based); the last delay repeats. */
    public Duration delayAfter(int endings) {
        return delays.get(Math.min(Math.max(endings, 1), delays.size()) - 1);
    }

    /**
     * Reads {@code busy=3:10,30;no-answer=4:60,240;voicemail=2:1440;failed=2:30;agent-unavailable=3:5} (minutes). An
     * outcome left out follows the campaign's attempts and backoff. Blank means no per-outcome rules.
     */
    public static Map<AttemptOutcome, OutcomeRetry> parseRules(String text) {
        Map<AttemptOutcome, OutcomeRetry> rules = new EnumMap<>(AttemptOutcome.class);
        if (text == null || text.isBlank()) {
            return rules;
        }
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            String[] sides = part.split("=", 2);
            String[] rule = sides.length == 2 ? sides[1].split(":", 2) : new String[0];
            if (rule.length != 2) {
                throw new IllegalArgumentException("Retry rule \"" + part.strip() + "\" must read outcome=attempts:minutes,minutes,"
                        + " e.g. busy=3:10,30.");
            }
            AttemptOutcome outcome;
            try {
                outcome = AttemptOutcome.of(sides[0]);
            } catch (IllegalArgumentException e) {
                outcome = null;
            }
            if (!RETRIED.contains(outcome)) {
                throw new IllegalArgumentException("Retry rule \"" + part.strip() + "\": \"" + sides[0].strip()
                        + "\" is not a retried outcome; use busy, no-answer, voicemail, failed or agent-unavailable.");
            }
            try {
                List<Duration> delays = new ArrayList<>();
                for (String minutes : rule[1].split(",")) {
                    delays.add(Duration.ofMinutes(Long.parseLong(minutes.strip())));
                }
                rules.put(outcome, new OutcomeRetry(Integer.parseInt(rule[0].strip()), delays));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Retry rule \"" + part.strip() + "\" must give whole numbers: attempts, then"
                        + " minutes, e.g. busy=3:10,30.");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Retry rule \"" + part.strip() + "\": " + e.getMessage());
            }
        }
        return rules;
    }

    /** The text {@link #parseRules} reads. */
    public static String format(Map<AttemptOutcome, OutcomeRetry> rules) {
        return rules.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey().code() + "=" + e.getValue().attempts() + ":"
                        + e.getValue().delays().stream().map(d -> Long.toString(d.toMinutes())).collect(Collectors.joining(",")))
                .collect(Collectors.joining(";"));
    }
}
