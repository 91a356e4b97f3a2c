package sa.navaia.dialer.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.campaign.CampaignStatus;

/**
 * Each campaign's inbox folder ({@code campaigns.inbox_dir}, by default
 * {@code <DIALER_DATA_DIR>/inbox/<campaign name>}): every {@code *.csv} dropped there is imported into
 * the campaign and moved to {@code processed/} (it ran, even with rejected rows, or was imported before)
 * or {@code failed/} (refused, or stopped part-way: drop it again to resume), with its rejects report
 * and a {@code .summary.txt} beside it. A file modified less than {@code settle} ago may still be
 * being written, and is left for the next scan. Campaigns that are cancelled or completed are not
 * scanned. Each import is written to the audit log as done by {@code inbox}. Call {@link #scanOnce()} from one
 * thread at a time (the Quartz job does).
 */
public final class InboxScanner {

    private static final Logger log = LoggerFactory.getLogger(InboxScanner.class);
    /** Who the audit log says imported a list dropped into an inbox folder. */
    static final String AUDIT_ACTOR = "inbox";

    /** What one scan did with one file. */
    public record Result(String campaign, Path file, ImportOutcome outcome, Path movedTo) {
    }

    private final CampaignRepository campaigns;
    private final ContactImporter importer;
    private final Path dataDir;
    private final Clock clock;
    private final Duration settle;
    private final AuditLog audit;

    public InboxScanner(CampaignRepository campaigns, ContactImporter importer, Path dataDir, Clock clock, Duration settle,
                        AuditLog audit) {
        this.campaigns = campaigns;
        this.importer = importer;
        this.audit = audit;
        this.dataDir = dataDir;
        this.clock = clock;
        this.settle = settle;
    }

    /** The folder a campaign's lists are dropped into. */
    public Path inboxOf(Campaign campaign) {
        return campaign.inboxDir().map(Path::of).orElse(dataDir.resolve("inbox").resolve(campaign.name()));
    }

    /** Imports every settled list in every open campaign's inbox; returns what it did, file by file. */
    public List<Result> scanOnce() {
        List<Result> results = new ArrayList<>();
        for (Campaign campaign : campaigns.findAll()) {
            if (campaign.status() == CampaignStatus.CANCELLED || campaign.status() == CampaignStatus.COMPLETED) {
                continue;
            }
            Path inbox = inboxOf(campaign);
            if (!Files.isDirectory(inbox)) {
                continue;
            }
            for (Path file : settledLists(inbox)) {
                results.add(importOne(campaign, file));
            }
        }
        return results;
    }

    private List<Path> settledLists(Path inbox) {
        List<Path> files = new ArrayList<>();
        Instant settledBefore = clock.instant().minus(settle);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(inbox, "*.{csv,CSV}")) {
            for (Path file : entries) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!Files.isRegularFile(file) || name.endsWith(".rejects.csv")) {
                    continue;
                }
                if (Files.getLastModifiedTime(file).toInstant().isAfter(settledBefore)) {
                    log.info("Inbox {}: {} changed less than {} s ago; leaving it for the next scan", inbox,
                            file.getFileName(), settle.toSeconds());
                    continue;
                }
                files.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the inbox " + inbox + ": " + e.getMessage(), e);
        }
        files.sort(null);
        return files;
    }

    private Result importOne(Campaign campaign, Path file) {
        ImportOutcome outcome;
        try {
            outcome = importer.importFile(campaign, file);
        } catch (RuntimeException e) {
            outcome = new ImportOutcome.Failed("The import of " + file.getFileName() + " stopped: " + e.getMessage());
        }
        audit.record(AUDIT_ACTOR, "import.upload", AuditLog.target(campaign), file.getFileName() + ": " + outcome.describe());
        Path target = file.resolveSibling(outcome.ran() ? "processed" : "failed");
        try {
            Files.createDirectories(target);
            String stamp = clock.instant().toString().replace(":", "").replace(".", "");
            Path moved = free(target.resolve(file.getFileName()), stamp);
            Files.move(file, moved, StandardCopyOption.ATOMIC_MOVE);
            Path report = RejectsReport.pathFor(file);
            if (Files.exists(report)) {
                Files.move(report, RejectsReport.pathFor(moved), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(moved.resolveSibling(stem(moved) + ".summary.txt"), outcome.describe() + "\n",
                    StandardCharsets.UTF_8);
            log.info("Inbox of campaign {}: {} -> {}: {}", campaign.name(), file.getFileName(), moved,
                    outcome.describe().lines().findFirst().orElse(""));
            return new Result(campaign.name(), file, outcome, moved);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + file + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private static Path free(Path wanted, String stamp) {
        return Files.exists(wanted) ? wanted.resolveSibling(stamp + "-" + wanted.getFileName()) : wanted;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }
}
