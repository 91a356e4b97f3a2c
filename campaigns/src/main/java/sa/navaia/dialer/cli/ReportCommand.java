package sa.navaia.dialer.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.report.AttemptReport;
import sa.navaia.dialer.report.AttemptReportRepository;
import sa.navaia.dialer.report.ReportCsv;
import sa.navaia.dialer.report.ReportHtml;
import sa.navaia.dialer.report.ReportJson;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "report", description = "Write the compliance call-attempt report of a campaign: every attempt and every skip, as CSV (numbers in full) or one offline HTML page (numbers masked).")
final class ReportCommand implements Callable<Integer> {

    enum Format { csv, html, json }

    @Option(names = "--campaign", required = true, description = "Campaign name or id.")
    String campaign;

    @Option(names = "--from", description = "First day (yyyy-MM-dd, in the campaign's time zone). Default: the campaign's creation day.")
    String from;

    @Option(names = "--to", description = "Last day, included (yyyy-MM-dd, in the campaign's time zone). Default: today.")
    String to;

    @Option(names = "--format", defaultValue = "html", description = "csv, html or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", description = "Output file. Default: <DIALER_DATA_DIR>/reports/<campaign>-<from>-<to>.<format>.")
    Path out;

    @Override
    public Integer call() throws IOException {
        DialerSettings settings = SettingsLoader.fromEnvironment();
        Clock clock = Clock.systemUTC();
        try (HikariDataSource dataSource = DataSources.create(settings.database(), "report")) {
            Campaign found = new CampaignRepository(dataSource, clock).find(campaign)
                    .orElseThrow(() -> new IllegalArgumentException("No campaign named or numbered \"" + campaign + "\"; see 'ops/dialer campaign list'."));
            ZoneId zone = found.timeZone();
            LocalDate firstDay = from == null ? LocalDate.ofInstant(found.createdAt(), zone) : day("--from", from);
            LocalDate lastDay = to == null ? LocalDate.now(clock.withZone(zone)) : day("--to", to);
            if (lastDay.isBefore(firstDay)) {
                throw new IllegalArgumentException("--to " + lastDay + " is before --from " + firstDay + ".");
            }
            Instant start = firstDay.atStartOfDay(zone).toInstant();
            Instant end = lastDay.plusDays(1).atStartOfDay(zone).toInstant();
            AttemptReport report = new AttemptReportRepository(dataSource, clock).report(found.id(), found.name(), start, end);

            Path target = out != null ? out : settings.dataDir().resolve("reports")
                    .resolve(found.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + firstDay + "-" + lastDay + "." + format);
            if (target.toAbsolutePath().getParent() != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
            }
            if (format == Format.json) {
                try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(target), 65_536)) {
                    ReportJson.write(report, JsonMapper.builder().build(), stream);
                }
            } else {
                try (Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                    if (format == Format.csv) {
                        ReportCsv.write(report, writer);
                    } else {
                        writer.write(ReportHtml.render(report, PhoneNumbers::mask));
                    }
                }
            }
            CliAudit.record(dataSource, "report.export", AuditLog.target(found), format + ", " + firstDay + " to " + lastDay
                    + ", " + report.summary().decisions() + " rows, to " + target.toAbsolutePath());
            AttemptReport.Summary summary = report.summary();
            System.out.printf(Locale.ROOT, "Campaign %s, %s to %s (%s)%n", found.name(), firstDay, lastDay, zone);
            System.out.printf(Locale.ROOT, "  %d decisions: %d calls placed, %d contacts not called%n",
                    summary.decisions(), summary.dialed(), summary.skipped());
            System.out.printf(Locale.ROOT, "  outcomes: %s%n", summary.outcomes());
            System.out.printf(Locale.ROOT, "  not called, by rule: %s%n", summary.skipReasons());
            System.out.printf(Locale.ROOT, "  answer rate %.1f%%, abandonment rate %.1f%%, unreconciled payloads %d%n",
                    summary.answerRate() * 100, summary.abandonmentRate() * 100, summary.unreconciledPayloads());
            System.out.printf(Locale.ROOT, "  post-call payloads matched: %s%n", summary.matchLine());
            ReportCsv.complianceLines(report.compliance()).forEach(line -> System.out.println("  " + line));
            System.out.println("Report: " + target.toAbsolutePath());
        }
        return 0;
    }

    private static LocalDate day(String option, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be a date like 2026-11-24; got \"" + text + "\".");
        }
    }
}
