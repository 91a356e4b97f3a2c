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
        int unreconciledPayloads) {

    public record Summary(
            int decisions, int dialed, int skipped, int answered, int abandoned,
            SortedMap<String, Integer> outcomes, SortedMap<String, Integer> skipReasons,
            SortedMap<Integer, Integer> dialsByRecipientHour, int unreconciledPayloads) {

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
        for (AttemptReportRow row : rows) {
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
                byHour, unreconciledPayloads);
    }

    private static String outcomeName(AttemptReportRow row) {
        if ("completed".equals(row.outcome()) && row.answeredBy() != null && row.answeredBy().startsWith("machine")) {
            return "voicemail";
        }
        return row.outcome();
    }

}
