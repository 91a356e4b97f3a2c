package sa.navaia.dialer.report;

import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The call-attempt report of one campaign over a period: a summary a compliance reviewer reads first (computed in
 * the database over the whole period), and every attempt and every skip ({@link ReportRows}, read as they are written
 * out, never all held at once).
 */
public record AttemptReport(
        String campaignName,
        long campaignId,
        Instant from,
        Instant to,
        Instant generatedAt,
        Summary summary,
        int unreconciledPayloads,
        ComplianceSummary compliance,
        ReportRows rows) {

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

    /**
     * Counts rows into a {@link Summary}; {@code add} takes a row with a weight, so that the database can hand over
     * groups of rows alike in everything the summary reads, one row each.
     */
    static final class Tally {
        private int decisions;
        private int dialed;
        private int answered;
        private int abandoned;
        private final SortedMap<String, Integer> outcomes = new TreeMap<>();
        private final SortedMap<String, Integer> skipReasons = new TreeMap<>();
        private final SortedMap<Integer, Integer> byHour = new TreeMap<>();
        private final SortedMap<String, Integer> matchMethods = new TreeMap<>();

        void add(AttemptReportRow row, int times) {
            decisions += times;
            if (row.matchMethod() != null) {
                matchMethods.merge(row.matchMethod(), times, Integer::sum);
            }
            if (!row.dialed()) {
                skipReasons.merge(row.reasonCode(), times, Integer::sum);
                return;
            }
            dialed += times;
            outcomes.merge(row.outcome() == null ? "(" + row.status() + ")" : outcomeName(row), times, Integer::sum);
            if (row.answeredByPerson()) {
                answered += times;
            }
            if (row.abandoned()) {
                abandoned += times;
            }
            Integer hour = row.recipientLocalHour();
            if (hour != null) {
                byHour.merge(hour, times, Integer::sum);
            }
        }

        Summary summary(int unreconciledPayloads) {
            return new Summary(decisions, dialed, decisions - dialed, answered, abandoned, outcomes, skipReasons, byHour,
                    unreconciledPayloads, matchMethods);
        }
    }

    private static String outcomeName(AttemptReportRow row) {
        if ("completed".equals(row.outcome()) && row.answeredBy() != null && row.answeredBy().startsWith("machine")) {
            return "voicemail";
        }
        return row.outcome();
    }

}
