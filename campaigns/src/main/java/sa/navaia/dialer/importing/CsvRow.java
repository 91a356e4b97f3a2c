package sa.navaia.dialer.importing;

import java.util.List;
import java.util.Optional;

/**
 * One record of a list: the physical line it starts on (quoted fields may span lines) and its values;
 * or, when the record could not be parsed (a quote never closed), the problem instead of values.
 */
record CsvRow(long line, List<String> values, Optional<String> problem) {

    CsvRow {
        values = List.copyOf(values);
    }

    static CsvRow of(long line, String[] values) {
        return new CsvRow(line, java.util.Arrays.stream(values).map(v -> v == null ? "" : v).toList(), Optional.empty());
    }

    static CsvRow unreadable(long line, String problem) {
        return new CsvRow(line, List.of(), Optional.of(problem));
    }
}
