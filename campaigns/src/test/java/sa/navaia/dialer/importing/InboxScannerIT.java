package sa.navaia.dialer.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.db.TestDatabase;

class InboxScannerIT {

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void importsSettledListsAndMovesThemWithTheirReportsLeavingFilesStillBeingWritten(TestDatabase kind) throws Exception {
        ImportContexts.Running running = ImportContexts.on(kind);
        Campaign campaign = running.campaign(true);
        Path inbox = dataDir.resolve("inbox").resolve(campaign.name());
        Files.createDirectories(inbox);
        Instant now = Instant.parse("2026-11-24T09:00:00Z");
        Path good = write(inbox.resolve("good.csv"), "phone,consent\n+12125550301,yes\n911,yes\n", now.minusSeconds(60));
        Path bad = write(inbox.resolve("bad.csv"), "id,telefono\n1,+12125550302\n", now.minusSeconds(60));
        Path fresh = write(inbox.resolve("fresh.csv"), "phone,consent\n+12125550303,yes\n", now.minusSeconds(2));
        InboxScanner scanner = new InboxScanner(running.bean(CampaignRepository.class), running.bean(ContactImporter.class),
                dataDir, Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(5), running.bean(AuditLog.class));

        List<InboxScanner.Result> results = scanner.scanOnce().stream()
                .filter(r -> r.campaign().equals(campaign.name())).toList();

        assertThat(results).extracting(r -> r.file().getFileName().toString()).containsExactly("bad.csv", "good.csv");
        assertThat(good).doesNotExist();
        assertThat(inbox.resolve("processed/good.csv")).exists();
        assertThat(inbox.resolve("processed/good.rejects.csv")).content().contains("EMERGENCY_NUMBER");
        assertThat(inbox.resolve("processed/good.summary.txt")).content().contains("1 imported, 1 rejected");
        assertThat(bad).doesNotExist();
        assertThat(inbox.resolve("failed/bad.summary.txt")).content().contains("No phone column");
        assertThat(fresh).exists();
        assertThat(scanner.inboxOf(campaign)).isEqualTo(inbox);
        assertThat(running.bean(AuditLog.class).page("import.upload", "inbox", 10, 0))
                .filteredOn(e -> e.target().equals(AuditLog.target(campaign)))
                .extracting(e -> e.detail())
                .satisfiesExactlyInAnyOrder(
                        detail -> assertThat(detail).startsWith("bad.csv: Refused: No phone column"),
                        detail -> assertThat(detail).startsWith("good.csv: Import #").contains("1 imported, 1 rejected"));
    }

    @org.junit.jupiter.api.Test
    void theQuartzJobIsBuiltWithItsScannerTheWaySpringsJobFactoryBuildsJobs() {
        ImportContexts.Running running = ImportContexts.on(TestDatabase.H2);

        InboxScanJob job = running.context().getAutowireCapableBeanFactory().createBean(InboxScanJob.class);

        assertThat(job).isNotNull();
        assertThat(InboxScanJob.class.isAnnotationPresent(org.quartz.DisallowConcurrentExecution.class)).isTrue();
    }

    private static Path write(Path file, String text, Instant modified) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
