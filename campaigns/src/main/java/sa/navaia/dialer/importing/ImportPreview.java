package sa.navaia.dialer.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.phone.PhoneNumbers;

/**
 * What an import of a file would do, shown before it runs: the header's columns, the mapping proposed
 * from their names (or the one chosen), and the first rows, each with the verdict the import would give
 * it (the same processor as the import job). Nothing is written.
 */
public record ImportPreview(List<String> columns, Map<String, String> mapping, List<Row> rows, Optional<String> refusal) {

    /** One row and its verdict: "import" with the number as it will be dialed, or the reason it is rejected. */
    public record Row(long line, List<String> values, boolean accepted, String verdict) {
    }

    public static ImportPreview of(Campaign campaign, Path file, Map<String, String> mapping, PhoneNumbers phoneNumbers,
                                   int maxRows) {
        try (CsvSource source = CsvSource.open(file)) {
            List<String> names = List.of(source.header());
            Columns columns;
            try {
                columns = Columns.of(source.header(), mapping);
            } catch (ImportRefusedException e) {
                return new ImportPreview(names, mapping, List.of(), Optional.of(e.getMessage()));
            }
            ContactRowProcessor processor = new ContactRowProcessor(campaign, 0, columns, phoneNumbers, new ObjectMapper());
            List<Row> rows = new ArrayList<>();
            for (CsvRow row = source.next(); row != null && rows.size() < maxRows; row = source.next()) {
                ImportItem item = processor.process(row);
                rows.add(item instanceof ImportItem.Accepted accepted
                        ? new Row(row.line(), row.values(), true, "import as " + accepted.contact().phoneE164())
                        : new Row(row.line(), row.values(), false, ((ImportItem.Rejected) item).row().reason()));
            }
            Optional<String> refusal = ContactImporter.inspect(campaign, file, mapping);
            return new ImportPreview(names, columns.mapping(), rows, refusal);
        } catch (ImportRefusedException e) {
            return new ImportPreview(List.of(), mapping, List.of(), Optional.of(e.getMessage()));
        } catch (IOException e) {
            return new ImportPreview(List.of(), mapping, List.of(), Optional.of("The file cannot be read: " + e.getMessage()));
        }
    }
}
