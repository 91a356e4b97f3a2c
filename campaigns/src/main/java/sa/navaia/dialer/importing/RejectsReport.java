package sa.navaia.dialer.importing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.IOException;
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
 * {@code import_rejects}; stored in {@code imports.rejects_csv} too when it is not huge.
 */
final class RejectsReport {

    /** Larger reports stay on disk only; the database keeps a note of where. */
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

    /** Writes the report of an import to {@code target}; returns the text to store in the database. */
    String write(long importId, List<String> header, Path target) {
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
             ICSVWriter csv = new CSVWriter(out, ',', '"', '"', "\r\n")) {
            List<String> columns = new ArrayList<>(List.of("line", "reason_code", "reason"));
            header.forEach(name -> columns.add(SpreadsheetSafe.cell(name)));
            csv.writeNext(columns.toArray(String[]::new));
            imports.forEachReject(importId, row -> {
                List<String> cells = new ArrayList<>(List.of(Long.toString(row.lineNumber()), row.reasonCode(),
                        SpreadsheetSafe.cell(row.reason())));
                values(row.rawValues()).forEach(value -> cells.add(SpreadsheetSafe.cell(value)));
                csv.writeNext(cells.toArray(String[]::new));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the rejects report " + target + ": " + e.getMessage(), e);
        }
        try {
            long size = Files.size(target);
            return size <= MAX_STORED_BYTES ? Files.readString(target, StandardCharsets.UTF_8)
                    : "(the report is " + size + " bytes, too large to keep here; it is at " + target.toAbsolutePath() + ")";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
