package sa.navaia.dialer.importing;

import java.time.Instant;
import java.util.Optional;

/** One row of {@code imports}: a file (by its SHA-256) imported into a campaign, and what came of it. */
public record ImportRecord(
        long id,
        long campaignId,
        String fileName,
        String checksum,
        ImportStatus status,
        ImportCounts counts,
        Optional<String> message,
        Instant startedAt,
        Optional<Instant> finishedAt) {
}
