package sa.navaia.dialer.retention;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each kind of personal data is kept before the daily purge removes it: transcripts (and what the agent
 * collected and was told), post-call audio payloads, the contacts' variables once a contact is finished, and the call
 * records (attempts, sessions, calls), which the Telemarketing Sales Rule wants kept five years (16 CFR 310.5).
 * Do-not-call entries are never purged.
 */
public record Retention(Duration transcripts, Duration audio, Duration variables, Duration callRecords) {

    /** Five years, the TSR's record-keeping period, counted generously (a leap day in every year). */
    public static final Duration FIVE_YEARS = Duration.ofDays(5 * 366);

    public Retention {
        Objects.requireNonNull(transcripts, "transcripts");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(callRecords, "callRecords");
    }
}
