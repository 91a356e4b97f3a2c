package sa.navaia.dialer.console;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import sa.navaia.dialer.contact.ContactHistoryRepository;
import sa.navaia.dialer.dnc.DoNotCallEntry;

/**
 * The console's pages for contacts and their history, the do-not-call lists, and unmatched post-call
 * payloads. They act through {@link OperationsApi}, so a page and the API refuse and audit alike.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OperationsPages {

    /** Entries on one do-not-call page: a list of millions is read a page at a time. */
    static final int DNC_PAGE = 100;

    private final OperationsApi operations;

    OperationsPages(OperationsApi operations) {
        this.operations = operations;
    }

    @GetMapping("/contacts")
    String contacts(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        List<ContactHistoryRepository.ContactSummary> found = q == null || q.isBlank() ? List.of()
                : operations.findContacts(q.strip().startsWith("+") ? q.strip() : null, q.strip());
        model.addAttribute("contacts", found);
        return "contacts";
    }

    @GetMapping("/contacts/{id}")
    String contact(@PathVariable long id, Model model) {
        model.addAttribute("history", operations.contact(id));
        return "contact";
    }

    @GetMapping("/dnc")
    String dnc(@RequestParam(defaultValue = "system") String scope, @RequestParam(required = false) String q,
               @RequestParam(defaultValue = "0") int page, Model model) {
        String search = q == null ? "" : q.strip();
        int shown = Math.max(page, 0);
        List<DoNotCallEntry> entries = operations.dncEntries(scope, search, shown * DNC_PAGE, DNC_PAGE + 1);
        model.addAttribute("entries", entries.subList(0, Math.min(entries.size(), DNC_PAGE)));
        model.addAttribute("scope", scope);
        model.addAttribute("q", search);
        model.addAttribute("page", shown);
        model.addAttribute("more", entries.size() > DNC_PAGE);
        return "dnc";
    }

    @PostMapping("/dnc")
    @PreAuthorize(Roles.MANAGES_DNC)
    String addDnc(@RequestParam String phone, @RequestParam(defaultValue = "system") String scope,
                  @RequestParam(required = false) String reason, Authentication user, RedirectAttributes flash) {
        try {
            operations.addDnc(new OperationsApi.DncRequest(phone, scope, reason), user);
            flash.addFlashAttribute("notice", phone.strip() + " is on the " + scope + " do-not-call list.");
        } catch (FieldException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/dnc?scope=" + scope;
    }

    @PostMapping("/dnc/import")
    @PreAuthorize(Roles.MANAGES_DNC)
    String importDnc(@RequestParam("file") org.springframework.web.multipart.MultipartFile file,
                     @RequestParam(defaultValue = "system") String scope, @RequestParam(required = false) String reason,
                     Authentication user, RedirectAttributes flash) throws java.io.IOException {
        try {
            OperationsApi.DncImport result = operations.importDnc(file, scope, reason, user);
            flash.addFlashAttribute("notice", result.added() + " numbers added, " + result.alreadyListed()
                    + " were listed already" + (result.rejected().isEmpty() ? "." : "; refused: " + String.join(" ", result.rejected())));
        } catch (FieldException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/dnc?scope=" + scope;
    }

    @PostMapping("/dnc/remove")
    @PreAuthorize(Roles.MANAGES_DNC)
    String removeDnc(@RequestParam String phone, @RequestParam(defaultValue = "system") String scope,
                     @RequestParam(required = false) String reason, Authentication user, RedirectAttributes flash) {
        try {
            operations.removeDnc(phone, scope, reason, user);
            flash.addFlashAttribute("notice", phone + " was taken off the " + scope + " list.");
        } catch (FieldException | NotFoundException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/dnc?scope=" + scope;
    }

    @GetMapping("/unmatched")
    String unmatched(Model model) {
        model.addAttribute("payloads", operations.unmatched());
        return "unmatched";
    }

    @PostMapping("/unmatched/{payloadId}/attach")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    String attach(@PathVariable long payloadId, @RequestParam(required = false) String sessionId, Authentication user,
                  RedirectAttributes flash) {
        try {
            var attached = operations.attach(payloadId, new OperationsApi.AttachRequest(sessionId), user);
            flash.addFlashAttribute("notice", "Payload " + payloadId + " attached; " + attached.payloadsRequeued()
                    + " payload(s) of conversation " + attached.conversationId() + " are processed again.");
        } catch (IllegalArgumentException | FieldException | NotFoundException | ConflictException e) {
            flash.addFlashAttribute("problem", e.getMessage().toLowerCase(Locale.ROOT).startsWith("sessionid")
                    ? "Write the session id (vs_...) this payload belongs to." : e.getMessage());
        }
        return "redirect:/unmatched";
    }
}
