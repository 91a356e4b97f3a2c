package sa.navaia.dialer.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.importing.Columns;
import sa.navaia.dialer.importing.ContactImporter;
import sa.navaia.dialer.importing.ImportOutcome;
import sa.navaia.dialer.importing.ImportPreview;
import sa.navaia.dialer.phone.PhoneNumbers;

/**
 * Uploaded lists: kept under {@code <DIALER_DATA_DIR>/uploads} (the import job reads files by path, and
 * its rejects report is written beside the file), previewed, and imported through the same
 * {@link ContactImporter} as the CLI and the inbox folders.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class Imports {

    static final int PREVIEW_ROWS = 10;

    private final Path uploads;
    private final ContactImporter importer;
    private final PhoneNumbers phoneNumbers;
    private final AuditLog audit;

    Imports(DialerSettings settings, ContactImporter importer, PhoneNumbers phoneNumbers, AuditLog audit) {
        this.uploads = settings.dataDir().resolve("uploads");
        this.importer = importer;
        this.phoneNumbers = phoneNumbers;
        this.audit = audit;
    }

    /** Stores an upload and returns its id, a name for it that holds no path from the client. */
    String store(InputStream content, String originalName) {
        String safeName = originalName == null ? "list.csv" : Path.of(originalName).getFileName().toString()
                .replaceAll("[^A-Za-z0-9._ -]", "_");
        String id = UUID.randomUUID().toString();
        try {
            Path folder = Files.createDirectories(uploads.resolve(id));
            Files.copy(content, folder.resolve(safeName.isBlank() ? "list.csv" : safeName));
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the upload: " + e.getMessage(), e);
        }
    }

    Path file(String uploadId) {
        if (!uploadId.matches("[0-9a-f-]{36}")) {
            throw new NotFoundException("There is no upload " + uploadId + ".");
        }
        try (var files = Files.list(uploads.resolve(uploadId))) {
            return files.filter(f -> !f.getFileName().toString().endsWith(".rejects.csv"))
                    .findFirst().orElseThrow(() -> new NotFoundException("There is no upload " + uploadId + "."));
        } catch (IOException e) {
            throw new NotFoundException("There is no upload " + uploadId + ".");
        }
    }

    ImportPreview preview(Campaign campaign, String uploadId, Map<String, String> mapping) {
        return ImportPreview.of(campaign, file(uploadId), mapping, phoneNumbers, PREVIEW_ROWS);
    }

    ImportOutcome run(Campaign campaign, String uploadId, Map<String, String> mapping, String actor) {
        Path file = file(uploadId);
        ImportOutcome outcome = importer.importFile(campaign, file, false, mapping);
        audit.record(actor, "import.upload", CampaignActions.target(campaign), file.getFileName() + ": " + outcome.describe());
        return outcome;
    }

    /** The fields of a mapping among request parameters: {@code phone=Phone Number} and so on. */
    static Map<String, String> mapping(Map<String, String> parameters) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String field : Columns.SYNONYMS.keySet()) {
            String column = parameters.get("map." + field);
            if (column != null) {
                mapping.put(field, column);
            }
        }
        return mapping;
    }
}
