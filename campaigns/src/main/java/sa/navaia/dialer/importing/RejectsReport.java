package sa.navaia.dialer.importing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencsv.CSVReader;
import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import com.opencsv.exceptions.CsvValidationException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sa.navaia.dialer.report.SpreadsheetSafe;

/**
 * The rejects report: a CSV beside the imported file ({@code list.csv} gets {@code list.rejects.csv})
 * with one row per row not imported: its line, reason code, reason, and its original values under the
 * header's names. Every cell is spreadsheet-safe ({@link SpreadsheetSafe}). Written streaming from
 * {@code import_rejects}; stored in {@code imports.rejects_csv} too when it is not huge (else its header line only),
 * and downloaded by rebuilding it from {@code import_rejects} ({@link #download}).
 */
public final class RejectsReport {

    /** Larger reports are not copied into the database whole: it keeps their header line. */
    static final long MAX_STORED_BYTES = 8L * 1024 * 1024;
    private static final TypeReference<List<String>> VALUES = new TypeReference<>() {
    };

    private final ImportRepository imports;
    private final ObjectMapper json;

    RejectsReport(ImportRepository imports, ObjectMapper json) {
        this.imports = imports;
        this.json = json;
    }

    static Path pathFor(Path imported) {
        String name = imported.getFileName().toString();
        String stem = name.toLowerCase().endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return imported.resolveSibling(stem + ".rejects.csv");
    }

    /**
     * Writes the report of an import to {@code target}; returns the text to store in the database: the whole report,
     * or only its header line when it is larger than {@link #MAX_STORED_BYTES} ({@link #download} rebuilds the rows).
     */
    String write(long importId, List<String> header, Path target) {
        List<String> columns = new ArrayList<>(List.of("line", "reason_code", "reason"));
        header.forEach(name -> columns.add(SpreadsheetSafe.cell(name)));
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            write(importId, columns, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the rejects report " + target + ": " + e.getMessage(), e);
        }
        try {
            if (Files.size(target) <= MAX_STORED_BYTES) {
                return Files.readString(target, StandardCharsets.UTF_8);
            }
            StringWriter headerLine = new StringWriter();
            try (ICSVWriter csv = csv(headerLine)) {
                csv.writeNext(columns.toArray(String[]::new));
            }
            return headerLine.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes an import's rejects report to {@code out} as it was written beside the imported file, rows streamed from
     * {@code import_rejects}: any size, on any worker. Nothing when the import rejected no row.
     */
    public void download(long importId, Writer out) throws IOException {
        String stored = imports.rejectsCsv(importId).orElse("");
        if (stored.isBlank()) {
            return;
        }
        String[] columns;
        try (CSVReader reader = new CSVReader(new StringReader(stored))) {
            columns = reader.readNext();
        } catch (CsvValidationException e) {
            columns = null;
        }
        if (columns == null || columns.length < 3 || !columns[0].equals("line")) {
            out.write(stored); // stored by an older version in another shape: served as it is
            return;
        }
        write(importId, List.of(columns), out);
    }

    private void write(long importId, List<String> columns, Writer out) throws IOException {
        ICSVWriter csv = csv(out);
        csv.writeNext(columns.toArray(String[]::new));
        imports.forEachReject(importId, row -> {
            List<String> cells = new ArrayList<>(List.of(Long.toString(row.lineNumber()), row.reasonCode(),
                    SpreadsheetSafe.cell(row.reason())));
            values(row.rawValues()).forEach(value -> cells.add(SpreadsheetSafe.cell(value)));
            csv.writeNext(cells.toArray(String[]::new));
        });
        csv.flush();
    }

    private static ICSVWriter csv(Writer out) {
        return new CSVWriter(out, ',', '"', '"', "\r\n");
    }

    private List<String> values(String rawValues) {
        if (rawValues == null || rawValues.isEmpty()) {
            return List.of();
        }
        try {
            return json.readValue(rawValues, VALUES);
        } catch (IOException e) {
            return List.of(rawValues);
        }
    }
}
