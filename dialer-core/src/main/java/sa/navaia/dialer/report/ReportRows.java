package sa.navaia.dialer.report;

import java.io.IOException;
import java.util.List;

/**
 * The rows of a report, read from the database when asked and never held together: {@link #forEach} streams every
 * row of the period one at a time (memory independent of their number), {@link #first} reads a bounded list.
 */
public interface ReportRows {

    /** Hands every row of the period to {@code handler}, in the report's order, as the database returns them. */
    void forEach(RowHandler handler) throws IOException;

    /** The first {@code limit} rows of the period, in the report's order. */
    List<AttemptReportRow> first(int limit);

    @FunctionalInterface
    interface RowHandler {
        void accept(AttemptReportRow row) throws IOException;
    }
}
