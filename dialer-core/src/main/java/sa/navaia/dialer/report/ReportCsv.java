package sa.navaia.dialer.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The compliance CSV: one row per attempt and per skip, numbers in full, every cell neutralised
 * against spreadsheet formulas, quoted as RFC 4180 says; rows are written as the database streams them.
 */
public final class ReportCsv {

    static final List<String> HEADER = List.of(
            "attempt_id", "decided_at_utc", "decision", "rule", "rule_detail", "contact_id", "customer_id", "phone",
            "recipient_zone", "recipient_local_time", "caller_id", "attempt_number", "status", "outcome",
            "answered_by", "duration_secs", "session_id", "call_sid", "conversation_id", "intent", "agent_leg_status",
            "error_code", "match_method", "registry_date", "consent_basis", "voicemail_action",
            "identification_message", "key_press_opt_out_at_utc");

    private ReportCsv() {
    }

    public static void write(AttemptReport report, Writer out) {
        try {
            for (String comment : complianceLines(report.compliance())) {
                out.write("# " + comment.replace("\r", " ").replace("\n", " ") + "\r\n");
            }
            line(out, HEADER);
            report.rows().forEach(row -> {
                List<String> cells = new ArrayList<>();
                cells.add(Long.toString(row.attemptId()));
                cells.add(row.decidedAt().toString());
                cells.add(row.decision());
                cells.add(row.reasonCode());
                cells.add(row.reasonDetail());
                cells.add(text(row.contactId()));
                cells.add(row.customerId());
                cells.add(row.phoneE164());
                cells.add(row.recipientZone());
                cells.add(row.recipientLocalTime());
                cells.add(row.callerId());
                cells.add(text(row.attemptNumber()));
                cells.add(row.status());
                cells.add(row.outcome());
                cells.add(row.answeredBy());
                cells.add(text(row.durationSecs()));
                cells.add(row.sessionId());
                cells.add(row.callSid());
                cells.add(row.conversationId());
                cells.add(row.extractedIntent());
                cells.add(row.agentLegStatus());
                cells.add(row.errorCode());
                cells.add(row.matchMethod());
                cells.add(text(row.registryDate()));
                cells.add(row.consentBasis());
                cells.add(row.voicemailAction());
                cells.add(row.identificationMessage());
                cells.add(text(row.keyPressOptOutAt()));
                line(out, cells);
            });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the report: " + e.getMessage(), e);
        }
    }

    /**
     * The compliance summary as comment lines before the header ({@code # ...}), which spreadsheet imports and CSV
     * readers with a comment marker skip.
     */
    public static List<String> complianceLines(ComplianceSummary c) {
        List<String> lines = new ArrayList<>();
        lines.add("imports: " + c.rowsImported() + " imported, " + c.suppressedAtImport() + " suppressed at import, "
                + c.rejectedAtImport() + " rejected, " + c.duplicatesAtImport() + " duplicates");
        lines.add("national do-not-call registry snapshot (oldest area code): " + c.registrySnapshot().map(Object::toString).orElse("none imported"));
        lines.add("abandonment rate, last 30 days: " + c.abandonmentLast30Days().describe());
        c.events().forEach(e -> lines.add("campaign " + e.event() + " at " + e.at() + " (" + e.reasonCode() + "): " + e.detail()));
        return lines;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** One CSV line of cells, each neutralised against spreadsheet formulas and quoted where needed. */
    public static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(SpreadsheetSafe.cell(Objects.requireNonNullElse(cells.get(i), ""))));
        }
        out.write("\r\n");
    }

    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
