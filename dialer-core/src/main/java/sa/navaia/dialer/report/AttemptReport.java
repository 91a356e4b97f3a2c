package sa.navaia.dialer.report;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The call-attempt report of one campaign over a period: every attempt and every skip, and a summary
 * a compliance reviewer reads first.
 */
public record AttemptReport(
        String campaignName,
        long campaignId,
        Instant from,
        Instant to,
        Instant generatedAt,
        List<AttemptReportRow> rows,
        int unreconciledPayloads,
        ComplianceSummary compliance) {

    public record Summary(
            int decisions, int dialed, int skipped, int answered, int abandoned,
            SortedMap<String, Integer> outcomes, SortedMap<String, Integer> skipReasons,
            SortedMap<Integer, Integer> dialsByRecipientHour, int unreconciledPayloads,
            SortedMap<String, Integer> matchMethods) {

        /** Post-call payloads matched to a session by number and time only: guesses an operator should check. */
        public int weakMatches() {
            return matchMethods.getOrDefault(AttemptReportRow.WEAK_MATCH, 0);
        }

        /** {@code conversation_id 3, agent_call_sid 50, weak 0, unmatched 0}: the strong methods, then the weak and the unmatched. */
        public String matchLine() {
            StringBuilder line = new StringBuilder();
            matchMethods.forEach((method, count) -> {
                if (!AttemptReportRow.WEAK_MATCH.equals(method)) {
                    line.append(method).append(' ').append(count).append(", ");
                }
            });
            return line.append("weak ").append(weakMatches()).append(", unmatched ").append(unreconciledPayloads).toString();
        }

        /** Answered by a person, per call placed. */
        public double answerRate() {
            return dialed == 0 ? 0 : (double) answered / dialed;
        }

        /** Answered calls that never reached the agent, per answered call. */
        public double abandonmentRate() {
            return answered == 0 ? 0 : (double) abandoned / answered;
        }
    }

    public Summary summary() {
        int dialed = 0;
        int answered = 0;
        int abandoned = 0;
        SortedMap<String, Integer> outcomes = new TreeMap<>();
        SortedMap<String, Integer> skipReasons = new TreeMap<>();
        SortedMap<Integer, Integer> byHour = new TreeMap<>();
        SortedMap<String, Integer> matchMethods = new TreeMap<>();
        for (AttemptReportRow row : rows) {
            if (row.matchMethod() != null) {
                matchMethods.merge(row.matchMethod(), 1, Integer::sum);
            }
            if (row.dialed()) {
                dialed++;
                outcomes.merge(row.outcome() == null ? "(" + row.status() + ")" : outcomeName(row), 1, Integer::sum);
                if (row.answeredByPerson()) {
                    answered++;
                }
                if (row.abandoned()) {
                    abandoned++;
                }
                Integer hour = row.recipientLocalHour();
                if (hour != null) {
                    byHour.merge(hour, 1, Integer::sum);
                }
            } else {
                skipReasons.merge(row.reasonCode(), 1, Integer::sum);
            }
        }
        return new Summary(rows.size(), dialed, rows.size() - dialed, answered, abandoned, outcomes, skipReasons,
                byHour, unreconciledPayloads, matchMethods);
    }

    private static String outcomeName(AttemptReportRow row) {
        if ("completed".equals(row.outcome()) && row.answeredBy() != null && row.answeredBy().startsWith("machine")) {
            return "voicemail";
        }
        return row.outcome();
    }

}
