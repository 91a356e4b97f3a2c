package sa.navaia.dialer.report;

import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

/**
 * The report as one JSON document: the campaign and period, the summary, the compliance lines, then every row, written
 * as the database streams them (the console's {@code ?format=json} and {@code ops/dialer report --format json}).
 */
public final class ReportJson {

    private ReportJson() {
    }

    public static void write(AttemptReport report, ObjectMapper mapper, OutputStream out) throws IOException {
        try (JsonGenerator json = mapper.createGenerator(out)) {
            json.writeStartObject();
            json.writePOJOProperty("campaignName", report.campaignName());
            json.writePOJOProperty("campaignId", report.campaignId());
            json.writePOJOProperty("from", report.from());
            json.writePOJOProperty("to", report.to());
            json.writePOJOProperty("generatedAt", report.generatedAt());
            json.writePOJOProperty("summary", report.summary());
            json.writePOJOProperty("unreconciledPayloads", report.unreconciledPayloads());
            json.writePOJOProperty("compliance", report.compliance());
            json.writeName("rows");
            json.writeStartArray();
            report.rows().forEach(json::writePOJO);
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
