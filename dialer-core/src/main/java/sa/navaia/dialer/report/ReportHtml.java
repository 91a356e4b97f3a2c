package sa.navaia.dialer.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The report as one self-contained HTML page (inline CSS and SVG charts, no scripts, nothing fetched)
 * that a compliance reviewer opens offline. Numbers are masked on screen; the CSV has them in full. The summary and
 * charts cover the whole period; the table shows its first {@value #TABLE_ROWS} rows and says where the rest are, so
 * the page stays one a browser opens for a campaign of any size.
 */
public final class ReportHtml {

    public static final int TABLE_ROWS = 1_000;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ReportHtml() {
    }

    public static String render(AttemptReport report, UnaryOperator<String> maskPhone) {
        AttemptReport.Summary summary = report.summary();
        List<AttemptReportRow> shown = report.rows().first(TABLE_ROWS);
        StringBuilder html = new StringBuilder(16_384);
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>Call-attempt report: %s</title>
                <style>
                body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2430;background:#fff}
                h1{font-size:22px;margin:0 0 4px} h2{font-size:16px;margin:28px 0 8px}
                .meta{color:#5b6575;font-size:13px}
                .cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:16px}
                .card{border:1px solid #dde3ea;border-radius:8px;padding:10px 14px;min-width:120px}
                .card b{display:block;font-size:22px} .card span{color:#5b6575;font-size:12px}
                .charts{display:flex;flex-wrap:wrap;gap:24px}
                table{border-collapse:collapse;font-size:12px;width:100%%}
                th,td{border-bottom:1px solid #e6eaf0;padding:4px 6px;text-align:left;white-space:nowrap}
                th{background:#f4f6f9;position:sticky;top:0}
                td.skip{color:#9a4b00} td.dial{color:#0b6b3a}
                svg text{font-size:11px;fill:#1d2430}
                </style></head><body>
                """.formatted(escape(report.campaignName())));
        html.append("<h1>Call-attempt report: ").append(escape(report.campaignName())).append("</h1>\n");
        html.append("<div class=\"meta\">Campaign #").append(report.campaignId()).append(" · from ")
                .append(TIME.format(report.from())).append(" to ").append(TIME.format(report.to()))
                .append(" · generated ").append(TIME.format(report.generatedAt())).append("</div>\n");

        html.append("<div class=\"cards\">");
        card(html, Integer.toString(summary.decisions()), "decisions (attempts and skips)");
        card(html, Integer.toString(summary.dialed()), "calls placed");
        card(html, Integer.toString(summary.skipped()), "contacts not called");
        card(html, percent(summary.answerRate()), "answer rate");
        card(html, percent(summary.abandonmentRate()), "abandonment rate");
        card(html, Integer.toString(summary.unreconciledPayloads()), "unreconciled payloads");
        card(html, Integer.toString(summary.weakMatches()), "weak matches (number and time: check them)");
        html.append("</div>\n");
        ComplianceSummary compliance = report.compliance();
        html.append("<h2>Compliance</h2><div class=\"cards\">");
        card(html, percent(compliance.abandonmentLast30Days().rate()), "abandonment rate, last 30 days ("
                + compliance.abandonmentLast30Days().abandoned() + " of " + compliance.abandonmentLast30Days().answered()
                + "; limit 3 %)");
        card(html, compliance.registrySnapshot().map(Object::toString).orElse("none"), "do-not-call registry snapshot (oldest area code)");
        card(html, Long.toString(compliance.suppressedAtImport()), "suppressed at import");
        card(html, Long.toString(compliance.rejectedAtImport()), "rejected at import");
        card(html, Long.toString(compliance.duplicatesAtImport()), "duplicates at import");
        html.append("</div>\n");
        for (var event : compliance.events()) {
            html.append("<p class=\"meta\">Campaign ").append(escape(event.event())).append(" at ")
                    .append(TIME.format(event.at())).append(" (").append(escape(event.reasonCode())).append("): ")
                    .append(escape(event.detail())).append("</p>\n");
        }

        html.append("<h2>Charts</h2><div class=\"charts\">\n");
        barChart(html, "Outcomes of placed calls", summary.outcomes());
        SortedMap<String, Integer> byHour = new TreeMap<>();
        for (int hour = 0; hour < 24; hour++) {
            byHour.put(String.format(Locale.ROOT, "%02d", hour), summary.dialsByRecipientHour().getOrDefault(hour, 0));
        }
        barChart(html, "Calls by recipient's local hour", byHour);
        barChart(html, "Why contacts were not called", summary.skipReasons());
        barChart(html, "How post-call payloads were matched", summary.matchMethods());
        html.append("</div>\n");

        if (summary.decisions() > shown.size()) {
            html.append("<h2>The first ").append(shown.size()).append(" of ").append(summary.decisions())
                    .append(" attempts and skips</h2>\n<p class=\"meta\" id=\"full-list\">The full list is in the CSV report"
                            + " (<code>ops/dialer report --format csv</code>, or Export CSV on the campaign's report page in"
                            + " the console, whose table shows every row page by page), with the numbers in full.</p>\n");
        } else {
            html.append("<h2>Every attempt and every skip (").append(shown.size()).append(")</h2>\n");
        }
        html.append("<table><thead><tr>");
        for (String header : new String[] {"decided (UTC)", "decision", "rule", "detail", "contact", "customer", "number",
                "recipient local time", "caller ID", "attempt", "status", "outcome", "answered by", "duration",
                "session", "call SID", "conversation", "matched by", "intent", "registry date", "consent basis",
                "voicemail", "identification message heard", "opted out by key (UTC)"}) {
            html.append("<th>").append(header).append("</th>");
        }
        html.append("</tr></thead><tbody>\n");
        for (AttemptReportRow row : shown) {
            html.append("<tr>");
            cell(html, TIME.format(row.decidedAt()));
            html.append("<td class=\"").append(row.dialed() ? "dial" : "skip").append("\">").append(escape(row.decision())).append("</td>");
            cell(html, row.reasonCode());
            cell(html, row.reasonDetail());
            cell(html, row.contactId());
            cell(html, row.customerId());
            cell(html, maskPhone.apply(row.phoneE164()));
            cell(html, row.recipientLocalTime());
            cell(html, row.callerId());
            cell(html, row.attemptNumber());
            cell(html, row.status());
            cell(html, row.outcome());
            cell(html, row.answeredBy());
            cell(html, row.durationSecs());
            cell(html, row.sessionId());
            cell(html, row.callSid());
            cell(html, row.conversationId());
            cell(html, row.matchMethod());
            cell(html, row.extractedIntent());
            cell(html, row.registryDate());
            cell(html, row.consentBasis());
            cell(html, row.voicemailAction());
            cell(html, row.identificationMessage());
            cell(html, row.keyPressOptOutAt() == null ? null : TIME.format(row.keyPressOptOutAt()));
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n</body></html>\n");
        return html.toString();
    }

    private static void card(StringBuilder html, String value, String label) {
        html.append("<div class=\"card\"><b>").append(escape(value)).append("</b><span>").append(escape(label)).append("</span></div>");
    }

    private static void cell(StringBuilder html, Object value) {
        html.append("<td>").append(value == null ? "" : escape(value.toString())).append("</td>");
    }

    /** A horizontal bar chart as inline SVG. */
    private static void barChart(StringBuilder html, String title, Map<String, Integer> values) {
        int max = values.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int rowHeight = 18;
        int labelWidth = 190;
        int barWidth = 260;
        int height = Math.max(1, values.size()) * rowHeight + 28;
        html.append("<figure style=\"margin:0\"><svg role=\"img\" aria-label=\"").append(escape(title))
                .append("\" width=\"").append(labelWidth + barWidth + 50).append("\" height=\"").append(height)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        html.append("<text x=\"0\" y=\"14\" style=\"font-weight:600;font-size:13px\">").append(escape(title)).append("</text>");
        if (values.isEmpty()) {
            html.append("<text x=\"0\" y=\"40\">nothing to show</text>");
        }
        int y = 26;
        for (Map.Entry<String, Integer> entry : values.entrySet()) {
            int width = max == 0 ? 0 : (int) Math.round((double) entry.getValue() / max * barWidth);
            html.append("<text x=\"0\" y=\"").append(y + 12).append("\">").append(escape(entry.getKey())).append("</text>");
            html.append("<rect class=\"bar\" x=\"").append(labelWidth).append("\" y=\"").append(y + 2)
                    .append("\" width=\"").append(width).append("\" height=\"").append(rowHeight - 5)
                    .append("\" fill=\"#3b82c4\"></rect>");
            html.append("<text x=\"").append(labelWidth + width + 6).append("\" y=\"").append(y + 12).append("\">")
                    .append(entry.getValue()).append("</text>");
            y += rowHeight;
        }
        html.append("</svg></figure>\n");
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
