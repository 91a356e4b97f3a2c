package sa.navaia.dialer.console;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import sa.navaia.dialer.audit.AuditEntry;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.report.AttemptReport;
import sa.navaia.dialer.report.AttemptReportRepository;
import sa.navaia.dialer.report.ReportCsv;
import sa.navaia.dialer.report.ReportHtml;

/** The compliance report of a campaign (CSV, HTML or JSON; every export is audited) and the audit log. */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ReportApi {

    private final CampaignActions campaigns;
    private final AttemptReportRepository reports;
    private final AuditLog audit;
    private final Clock clock;

    ReportApi(CampaignActions campaigns, AttemptReportRepository reports, AuditLog audit, Clock clock) {
        this.campaigns = campaigns;
        this.reports = reports;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/api/v1/campaigns/{id}/report")
    ResponseEntity<?> report(@PathVariable long id, @RequestParam(defaultValue = "json") String format,
                             @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             Authentication user) {
        AttemptReport report = report(campaigns.find(id), from, to);
        if (!List.of("json", "csv", "html").contains(format)) {
            throw new FieldException("format", "format must be json, csv or html; got \"" + format + "\".");
        }
        if (!format.equals("json")) {
            audit.record(user.getName(), "report.export", CampaignActions.target(campaigns.find(id)),
                    format + ", " + report.rows().size() + " rows");
        }
        String name = "campaign-" + id + "-report." + format;
        return switch (format) {
            case "csv" -> {
                StringWriter out = new StringWriter();
                ReportCsv.write(report, out);
                yield ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                        .header("Content-Disposition", "attachment; filename=\"" + name + "\"").body(out.toString());
            }
            case "html" -> ResponseEntity.ok().contentType(MediaType.TEXT_HTML)
                    .body(ReportHtml.render(report, PhoneNumbers::mask));
            default -> ResponseEntity.ok(report);
        };
    }

    /** The report from {@code from} to {@code to} (days in the campaign's zone; default: its whole life). */
    AttemptReport report(Campaign campaign, String from, String to) {
        var zone = campaign.timeZone();
        LocalDate first = from == null || from.isBlank() ? LocalDate.ofInstant(campaign.createdAt(), zone) : day("from", from);
        LocalDate last = to == null || to.isBlank() ? LocalDate.now(clock.withZone(zone)) : day("to", to);
        if (last.isBefore(first)) {
            throw new FieldException("to", "to " + last + " is before from " + first + ".");
        }
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        return reports.report(campaign.id(), campaign.name(), start, end);
    }

    /** The audit log, newest first, as JSON or (exported, and so itself audited) CSV. */
    @GetMapping("/api/v1/audit")
    @org.springframework.security.access.prepost.PreAuthorize(Roles.READS_AUDIT)
    ResponseEntity<?> audit(@RequestParam(required = false) String action, @RequestParam(required = false) String user,
                            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset,
                            @RequestParam(defaultValue = "json") String format, Authentication who) throws java.io.IOException {
        if (limit < 1 || limit > 10000) {
            throw new FieldException("limit", "limit must be between 1 and 10000; got " + limit + ".");
        }
        if (offset < 0) {
            throw new FieldException("offset", "offset must be 0 or more; got " + offset + ".");
        }
        if (!List.of("json", "csv").contains(format)) {
            throw new FieldException("format", "format must be json or csv; got \"" + format + "\".");
        }
        List<AuditEntry> entries = audit.page(blankToNull(action), blankToNull(user), limit, offset);
        if (format.equals("json")) {
            return ResponseEntity.ok(entries);
        }
        StringWriter out = new StringWriter();
        AuditLog.writeCsv(entries, out);
        audit.record(who.getName(), "audit.export", "audit log", entries.size() + " entries"
                + (action == null || action.isBlank() ? "" : ", action " + action) + (user == null || user.isBlank() ? "" : ", user " + user));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"audit-log.csv\"").body(out.toString());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static LocalDate day(String field, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new FieldException(field, field + " must be a date like 2026-11-24; got \"" + text + "\".");
        }
    }
}
