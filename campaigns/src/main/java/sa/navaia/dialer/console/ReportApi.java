package sa.navaia.dialer.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
import sa.navaia.dialer.report.AttemptReportRow;
import sa.navaia.dialer.report.ReportCsv;
import sa.navaia.dialer.report.ReportHtml;
import sa.navaia.dialer.report.ReportJson;
import tools.jackson.databind.ObjectMapper;

/** The compliance report of a campaign (CSV, HTML or JSON, streamed; every export is audited) and the audit log. */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ReportApi {

    private final CampaignActions campaigns;
    private final AttemptReportRepository reports;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper mapper;

    ReportApi(CampaignActions campaigns, AttemptReportRepository reports, AuditLog audit, Clock clock, ObjectMapper mapper) {
        this.mapper = mapper;
        this.campaigns = campaigns;
        this.reports = reports;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The report as JSON (the summary, the compliance lines, then every row), CSV or HTML. JSON and CSV are written to
     * the response as the database streams the rows, so a report of any size needs no more memory than a small one.
     */
    @GetMapping("/api/v1/campaigns/{id}/report")
    void report(@PathVariable long id, @RequestParam(defaultValue = "json") String format,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                Authentication user, HttpServletResponse response) throws IOException {
        if (!List.of("json", "csv", "html").contains(format)) {
            throw new FieldException("format", "format must be json, csv or html; got \"" + format + "\".");
        }
        Campaign campaign = campaigns.find(id);
        AttemptReport report = report(campaign, from, to);
        switch (format) {
            case "csv" -> csv(campaign, report, user, response);
            case "html" -> {
                audit.record(user.getName(), "report.export", CampaignActions.target(campaign),
                        "html, " + report.summary().decisions() + " rows");
                response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
                response.getWriter().write(ReportHtml.render(report, PhoneNumbers::mask));
            }
            default -> json(report, response);
        }
    }

    /** The CSV export, audited, streamed to the response. */
    void csv(Campaign campaign, AttemptReport report, Authentication user, HttpServletResponse response) throws IOException {
        audit.record(user.getName(), "report.export", CampaignActions.target(campaign), "csv, " + report.summary().decisions() + " rows");
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"campaign-" + report.campaignId() + "-report.csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 65_536);
        ReportCsv.write(report, out);
    }

    private void json(AttemptReport report, HttpServletResponse response) throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try (OutputStream out = new BufferedOutputStream(response.getOutputStream(), 65_536)) {
            ReportJson.write(report, mapper, out);
        }
    }

    /** One page of the report's rows ({@code decision} dial or skip, or all when blank), for the console's table. */
    List<AttemptReportRow> page(AttemptReport report, String decision, int offset, int limit) {
        return reports.page(report.campaignId(), report.from(), report.to(), decision == null || decision.isBlank() ? null : decision,
                offset, limit);
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
