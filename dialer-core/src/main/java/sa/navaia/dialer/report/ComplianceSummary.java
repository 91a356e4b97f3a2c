package sa.navaia.dialer.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import sa.navaia.dialer.abandonment.AbandonmentGuard;
import sa.navaia.dialer.abandonment.AbandonmentRate;

/**
 * What a compliance reviewer checks first, beside the rows: the campaign's imports (rows read, suppressed at import,
 * rejected, duplicates), the National Do Not Call Registry snapshot in use (the date of the
 * area code imported longest ago: the first to go stale), the abandonment rate over the last 30 days
 * (not only the report's period), and what the campaign did by itself (paused on its abandonment rate).
 */
public record ComplianceSummary(long rowsImported, long suppressedAtImport, long rejectedAtImport, long duplicatesAtImport,
                                Optional<LocalDate> registrySnapshot, AbandonmentRate abandonmentLast30Days,
                                List<AbandonmentGuard.Event> events) {

    public ComplianceSummary {
        events = List.copyOf(events);
    }
}
