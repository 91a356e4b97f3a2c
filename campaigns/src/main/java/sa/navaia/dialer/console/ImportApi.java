package sa.navaia.dialer.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.importing.ImportCounts;
import sa.navaia.dialer.importing.ImportOutcome;
import sa.navaia.dialer.importing.ImportPreview;
import sa.navaia.dialer.importing.ImportRecord;
import sa.navaia.dialer.importing.ImportRepository;
import sa.navaia.dialer.importing.RejectsReport;

/**
 * Imports of CSV lists: upload (multipart) and see the proposed mapping and a preview, then import with
 * that mapping or another; or upload and import in one request. Then the import's summary and its rejects.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ImportApi {

    record UploadView(String uploadId, List<String> columns, Map<String, String> mapping, List<ImportPreview.Row> rows,
                      String refusal) {
        static UploadView of(String uploadId, ImportPreview preview) {
            return new UploadView(uploadId, preview.columns(), preview.mapping(), preview.rows(), preview.refusal().orElse(null));
        }
    }

    record ImportView(long id, long campaignId, String fileName, String status, ImportCounts counts, String message,
                      Map<String, Long> rejectsByReason) {
        static ImportView of(ImportRecord r, Map<String, Long> rejects) {
            return new ImportView(r.id(), r.campaignId(), r.fileName(), r.status().name().toLowerCase(java.util.Locale.ROOT),
                    r.counts(), r.message().orElse(null), rejects);
        }
    }

    private final CampaignActions campaigns;
    private final Imports imports;
    private final ImportRepository records;
    private final AuditLog audit;
    private final RejectsReport rejectsReport;

    ImportApi(CampaignActions campaigns, Imports imports, ImportRepository records, AuditLog audit,
              RejectsReport rejectsReport) {
        this.rejectsReport = rejectsReport;
        this.campaigns = campaigns;
        this.imports = imports;
        this.records = records;
        this.audit = audit;
    }

    @PostMapping(path = "/api/v1/campaigns/{id}/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    UploadView upload(@PathVariable long id, @RequestParam("file") MultipartFile file,
                      @RequestParam Map<String, String> parameters) throws IOException {
        Campaign campaign = campaigns.find(id);
        String uploadId = imports.store(file.getInputStream(), file.getOriginalFilename());
        return UploadView.of(uploadId, imports.preview(campaign, uploadId, Imports.mapping(parameters)));
    }

    @GetMapping("/api/v1/campaigns/{id}/uploads/{uploadId}")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    UploadView preview(@PathVariable long id, @PathVariable String uploadId, @RequestParam Map<String, String> parameters) {
        return UploadView.of(uploadId, imports.preview(campaigns.find(id), uploadId, Imports.mapping(parameters)));
    }

    /** Imports an upload made before (with {@code uploadId}), or the {@code file} sent with this request. */
    @PostMapping(path = "/api/v1/campaigns/{id}/imports")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    ResponseEntity<ImportView> importList(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file,
                                          @RequestParam(name = "uploadId", required = false) String uploadId,
                                          @RequestParam Map<String, String> parameters, Authentication user) throws IOException {
        Campaign campaign = campaigns.find(id);
        if (file == null && uploadId == null) {
            throw new FieldException("file", "file is required: a CSV list sent as multipart/form-data (or uploadId of an upload).");
        }
        String upload = uploadId != null ? uploadId : imports.store(file.getInputStream(), file.getOriginalFilename());
        ImportOutcome outcome = imports.run(campaign, upload, Imports.mapping(parameters), user.getName());
        Optional<ImportRecord> record = outcome instanceof ImportOutcome.Completed completed ? Optional.of(completed.record())
                : outcome instanceof ImportOutcome.AlreadyImported already ? Optional.of(already.record()) : Optional.empty();
        if (outcome instanceof ImportOutcome.Refused) {
            throw new InvalidFileException("file", outcome.describe());
        }
        if (record.isEmpty()) {
            throw new ImportStoppedException(outcome.describe());
        }
        return ResponseEntity.status(outcome instanceof ImportOutcome.Completed ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ImportView.of(record.get(), records.rejectCounts(record.get().id())));
    }

    @GetMapping("/api/v1/imports/{importId}")
    ImportView show(@PathVariable long importId) {
        ImportRecord record = records.findById(importId)
                .orElseThrow(() -> new NotFoundException("There is no import with id " + importId + "."));
        return ImportView.of(record, records.rejectCounts(importId));
    }

    /** The rejects report, streamed (any size) from the database as it was written beside the imported file. */
    @GetMapping(path = "/api/v1/imports/{importId}/rejects", produces = "text/csv")
    void rejects(@PathVariable long importId, Authentication user, HttpServletResponse response) throws IOException {
        ImportRecord record = records.findById(importId)
                .orElseThrow(() -> new NotFoundException("There is no import with id " + importId + "."));
        audit.record(user.getName(), "import.rejects_export", "import " + importId + " of " + CampaignActions.target(
                campaigns.find(record.campaignId())), record.fileName() + ", " + record.counts().rejected() + " rejected rows");
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + importId + ".rejects.csv\"");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8))) {
            rejectsReport.download(importId, out);
        }
    }
}
