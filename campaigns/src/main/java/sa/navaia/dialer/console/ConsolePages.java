package sa.navaia.dialer.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignForm;
import sa.navaia.dialer.campaign.CampaignTransition;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.campaign.FieldError;
import sa.navaia.dialer.campaign.InvalidFieldsException;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.dialing.DialOptions;
import sa.navaia.dialer.importing.Columns;
import sa.navaia.dialer.importing.ImportOutcome;
import sa.navaia.dialer.importing.ImportProgress;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.report.AttemptReport;
import sa.navaia.dialer.report.CampaignProgress;
import sa.navaia.dialer.report.CampaignProgressRepository;
import sa.navaia.dialer.report.ReportHtml;
import sa.navaia.dialer.schedule.ScheduleReachCheck;
import sa.navaia.dialer.window.WindowPreview;

/**
 * The console's pages, rendered on the server (Thymeleaf) with a little plain JavaScript where it helps:
 * live campaign progress and the import progress bar poll small JSON endpoints of this controller. The
 * pages do what the API does, through the same {@link CampaignActions} and {@link Imports}.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsolePages {

    /** How the console's forms label each campaign field, in messages as on screen. */
    static final Map<String, String> LABELS = labels();
    static final UnaryOperator<String> LABEL = field -> LABELS.getOrDefault(field, field);
    private static final int REPORT_PAGE = 50;

    /** One line of the report page's attempts table, the number masked as in every report. */
    record AttemptLine(java.time.Instant decidedAt, String phone, String decision, String reasonCode, String status,
                       String outcome, String intent, String identificationMessage, java.time.Instant keyPressOptOutAt) {
    }

    private final CampaignRepository campaigns;
    private final CampaignActions actions;
    private final CampaignProgressRepository progress;
    private final Imports imports;
    private final ImportProgress importProgress;
    private final ReportApi reports;
    private final ImportApi importApi;
    private final AuditLog audit;
    private final DialerSettings settings;
    private final WindowPreview windowPreview;
    private final DialOptions dialOptions;
    private final Clock clock;

    ConsolePages(CampaignRepository campaigns, CampaignActions actions, CampaignProgressRepository progress, Imports imports,
                 ImportProgress importProgress, ReportApi reports, ImportApi importApi, AuditLog audit,
                 DialerSettings settings, WindowPreview windowPreview, DialOptions dialOptions, Clock clock) {
        this.windowPreview = windowPreview;
        this.dialOptions = dialOptions;
        this.clock = clock;
        this.importApi = importApi;
        this.campaigns = campaigns;
        this.actions = actions;
        this.progress = progress;
        this.imports = imports;
        this.importProgress = importProgress;
        this.reports = reports;
        this.audit = audit;
        this.settings = settings;
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("name", "Name");
        labels.put("agent", "Agent");
        labels.put("callerId", "Caller ID");
        labels.put("region", "Region of national numbers");
        labels.put("countries", "Allowed countries");
        labels.put("zone", "Campaign time zone");
        labels.put("window", "Calling window (recipient's local time)");
        labels.put("days", "Calling days");
        labels.put("regionWindows", "Stricter regional windows");
        labels.put("consentRequired", "Consent required");
        labels.put("attempts", "Attempts per contact");
        labels.put("backoff", "Minutes before each retry");
        labels.put("minGap", "Minimum minutes between attempts");
        labels.put("cps", "Calls per second");
        labels.put("liveCalls", "Live calls at most");
        labels.put("machineDetection", "Answering-machine detection");
        return labels;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/campaigns";
    }

    @GetMapping("/campaigns")
    String list(Model model) {
        model.addAttribute("campaigns", campaigns.findAll());
        return "campaigns";
    }

    /** Progress of every campaign, for the list's live columns. */
    @GetMapping(path = "/campaigns/progress.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<CampaignProgress> progress() {
        return campaigns.findAll().stream().map(c -> progress.progress(c.id())).toList();
    }

    @GetMapping("/campaigns/new")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    String newCampaign(Model model) {
        model.addAttribute("form", new CampaignForm(null, settings.elevenLabs().agents().first().name(),
                settings.twilio().phoneNumber(), "US", "US", "UTC", "08:00-21:00", "MON-SUN", null, "true", "3",
                "60,240,1440", "60", "1", "10", "Enable"));
        return formPage(model, null, Map.of());
    }

    @PostMapping("/campaigns")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    String create(CampaignForm form, Model model, Authentication user) {
        try {
            Campaign created = actions.create(form, user.getName(), LABEL);
            return "redirect:/campaigns/" + created.id() + "/import";
        } catch (InvalidFieldsException e) {
            model.addAttribute("form", form);
            return formPage(model, null, errors(e));
        } catch (ConflictException | IllegalArgumentException e) {
            model.addAttribute("form", form);
            return formPage(model, null, Map.of("name", e.getMessage()));
        }
    }

    @GetMapping("/campaigns/{id}")
    String edit(@PathVariable long id, Model model) {
        Campaign c = actions.find(id);
        model.addAttribute("form", CampaignForm.of(c));
        model.addAttribute("window", windowPreview.preview(c));
        model.addAttribute("scheduleWarning", c.cron().flatMap(cron -> ScheduleReachCheck.warning(windowPreview, c, cron,
                dialOptions.horizon(), clock.instant())).orElse(null));
        return formPage(model, c, Map.of());
    }

    @PostMapping("/campaigns/{id}")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    String update(@PathVariable long id, CampaignForm form, Model model, Authentication user, RedirectAttributes flash) {
        try {
            actions.update(id, form, user.getName(), LABEL);
            flash.addFlashAttribute("notice", "Saved.");
            return "redirect:/campaigns/" + id;
        } catch (InvalidFieldsException e) {
            model.addAttribute("form", form);
            return formPage(model, actions.find(id), errors(e));
        }
    }

    private String formPage(Model model, Campaign campaign, Map<String, String> errors) {
        CampaignForm form = (CampaignForm) model.getAttribute("form");
        Map<String, String> values = new LinkedHashMap<>();
        for (var component : CampaignForm.class.getRecordComponents()) {
            try {
                values.put(component.getName(), (String) component.getAccessor().invoke(form));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        model.addAttribute("values", values);
        model.addAttribute("campaign", campaign);
        model.addAttribute("errors", errors);
        model.addAttribute("agents", settings.elevenLabs().agents().all().stream().map(a -> a.name()).toList());
        return "campaign-form";
    }

    private static Map<String, String> errors(InvalidFieldsException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : e.errors()) {
            errors.putIfAbsent(error.field(), error.message());
        }
        return errors;
    }

    @PostMapping("/campaigns/{id}/pause")
    @PreAuthorize(Roles.STOPS_CALLS)
    String pause(@PathVariable long id, Authentication user, RedirectAttributes flash) {
        return act(id, CampaignTransition.PAUSE, user, flash);
    }

    @PostMapping("/campaigns/{id}/{action:start|resume|cancel}")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    String act(@PathVariable long id, @PathVariable String action, Authentication user, RedirectAttributes flash) {
        return act(id, CampaignTransition.valueOf(action.toUpperCase(java.util.Locale.ROOT)), user, flash);
    }

    private String act(long id, CampaignTransition action, Authentication user, RedirectAttributes flash) {
        try {
            Campaign c = actions.apply(id, action, user.getName());
            flash.addFlashAttribute("notice", "Campaign " + c.name() + " is now " + c.status().code() + ".");
        } catch (ConflictException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/campaigns";
    }

    @GetMapping("/campaigns/{id}/import")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    String importForm(@PathVariable long id, Model model) {
        model.addAttribute("campaign", actions.find(id));
        return "import";
    }

    @PostMapping("/campaigns/{id}/import")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    String upload(@PathVariable long id, @RequestParam("file") MultipartFile file) throws IOException {
        actions.find(id);
        String uploadId = imports.store(file.getInputStream(), file.getOriginalFilename());
        return "redirect:/campaigns/" + id + "/import/" + uploadId;
    }

    @GetMapping("/campaigns/{id}/import/{uploadId}")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    String mapping(@PathVariable long id, @PathVariable String uploadId, @RequestParam Map<String, String> parameters, Model model) {
        Campaign campaign = actions.find(id);
        model.addAttribute("campaign", campaign);
        model.addAttribute("uploadId", uploadId);
        model.addAttribute("fields", List.copyOf(Columns.SYNONYMS.keySet()));
        model.addAttribute("preview", imports.preview(campaign, uploadId, Imports.mapping(parameters)));
        return "import-mapping";
    }

    @PostMapping("/campaigns/{id}/import/{uploadId}")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    String runImport(@PathVariable long id, @PathVariable String uploadId, @RequestParam Map<String, String> parameters,
                     Model model, Authentication user) {
        Campaign campaign = actions.find(id);
        ImportOutcome outcome = imports.run(campaign, uploadId, Imports.mapping(parameters), user.getName());
        model.addAttribute("campaign", campaign);
        model.addAttribute("outcome", outcome);
        model.addAttribute("record", outcome instanceof ImportOutcome.Completed c ? c.record()
                : outcome instanceof ImportOutcome.AlreadyImported a ? a.record() : null);
        return "import-result";
    }

    @GetMapping("/imports/{importId}/rejects.csv")
    void rejects(@PathVariable long importId, Authentication user, jakarta.servlet.http.HttpServletResponse response)
            throws IOException {
        importApi.rejects(importId, user, response);
    }

    /** The running import's rows and bytes read, for the progress bar. */
    @GetMapping(path = "/imports/progress.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Long> importProgress() {
        return Map.of("rows", importProgress.rows(), "bytes", importProgress.bytes(), "size", importProgress.size());
    }

    @GetMapping("/campaigns/{id}/report")
    String report(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
                  @RequestParam(required = false) String decision, Model model) {
        Campaign campaign = actions.find(id);
        AttemptReport report = reports.report(campaign, null, null);
        AttemptReport.Summary summary = report.summary();
        long total = "dial".equals(decision) ? summary.dialed() : "skip".equals(decision) ? summary.skipped() : summary.decisions();
        int pages = (int) Math.max(1, (total + REPORT_PAGE - 1) / REPORT_PAGE);
        int shown = Math.min(Math.max(page, 0), pages - 1);
        model.addAttribute("campaign", campaign);
        model.addAttribute("summary", summary);
        model.addAttribute("rows", reports.page(report, decision, shown * REPORT_PAGE, REPORT_PAGE).stream()
                .map(r -> new AttemptLine(r.decidedAt(), PhoneNumbers.mask(r.phoneE164()), r.decision(), r.reasonCode(),
                        r.status(), r.outcome(), r.extractedIntent(), r.identificationMessage(), r.keyPressOptOutAt()))
                .toList());
        model.addAttribute("page", shown);
        model.addAttribute("pages", pages);
        model.addAttribute("decision", decision == null ? "" : decision);
        return "report";
    }

    @GetMapping("/campaigns/{id}/report.csv")
    void reportCsv(@PathVariable long id, Authentication user, HttpServletResponse response) throws IOException {
        Campaign campaign = actions.find(id);
        reports.csv(campaign, reports.report(campaign, null, null), user, response);
    }

    /** The report with its charts, as {@code ops/dialer report --format html} writes it. */
    @GetMapping(path = "/campaigns/{id}/report.html", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String reportHtml(@PathVariable long id, Authentication user) {
        Campaign campaign = actions.find(id);
        AttemptReport report = reports.report(campaign, null, null);
        audit.record(user.getName(), "report.export", CampaignActions.target(campaign), "html, " + report.summary().decisions() + " rows");
        return ReportHtml.render(report, PhoneNumbers::mask);
    }

    @GetMapping("/audit.csv")
    @PreAuthorize(Roles.READS_AUDIT)
    ResponseEntity<?> auditCsv(@RequestParam(required = false) String action, @RequestParam(required = false) String username,
                               Authentication user) throws IOException {
        return reports.audit(action, username, 10000, 0, "csv", user);
    }

    @GetMapping("/audit")
    @PreAuthorize(Roles.READS_AUDIT)
    String auditLog(@RequestParam(required = false) String action, @RequestParam(required = false) String username,
                    @RequestParam(defaultValue = "0") int page, Model model) {
        String actionFilter = action == null || action.isBlank() ? null : action;
        String userFilter = username == null || username.isBlank() ? null : username;
        model.addAttribute("entries", audit.page(actionFilter, userFilter, 100, Math.max(page, 0) * 100));
        model.addAttribute("action", action == null ? "" : action);
        model.addAttribute("username", username == null ? "" : username);
        model.addAttribute("page", Math.max(page, 0));
        return "audit";
    }
}
