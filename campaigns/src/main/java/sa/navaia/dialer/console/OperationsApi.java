package sa.navaia.dialer.console;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.contact.ContactHistoryRepository;
import sa.navaia.dialer.dnc.DoNotCallEntry;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.DoNotCallScope;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.postcall.PostCallReview;
import sa.navaia.dialer.testcall.TestCall;

/** Contacts and their history, do-not-call entries, agents, unmatched post-call payloads, and test calls. */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OperationsApi {

    record DncRequest(String phone, String scope, String reason) {
    }

    record AttachRequest(String sessionId) {
    }

    record TestCallRequest(String to, Long asContact) {
    }

    /** What a do-not-call import did: numbers added, numbers listed before, and each line refused with why. */
    record DncImport(long added, long alreadyListed, List<String> rejected) {
    }

    record AgentView(String name, String agentId, String connection, String phoneNumber) {
    }

    private final ContactHistoryRepository contacts;
    private final DoNotCallRepository doNotCall;
    private final PostCallReview postCalls;
    private final AuditLog audit;
    private final DialerSettings settings;
    private final CampaignActions campaigns;
    private final TestCall testCall;

    OperationsApi(ContactHistoryRepository contacts, DoNotCallRepository doNotCall, PostCallReview postCalls, AuditLog audit,
                  DialerSettings settings, CampaignActions campaigns, TestCall testCall) {
        this.contacts = contacts;
        this.doNotCall = doNotCall;
        this.postCalls = postCalls;
        this.audit = audit;
        this.settings = settings;
        this.campaigns = campaigns;
        this.testCall = testCall;
    }

    @GetMapping("/api/v1/contacts")
    List<ContactHistoryRepository.ContactSummary> findContacts(@RequestParam(required = false) String phone,
                                                               @RequestParam(required = false) String customerId) {
        if ((phone == null || phone.isBlank()) && (customerId == null || customerId.isBlank())) {
            throw new FieldException("phone", "phone (E.164, like +19383362295) or customerId is required.");
        }
        return contacts.find(phone == null ? null : phone.strip(), customerId == null ? null : customerId.strip());
    }

    @GetMapping("/api/v1/contacts/{id}")
    ContactHistoryRepository.History contact(@PathVariable long id) {
        return contacts.history(id).orElseThrow(() -> new NotFoundException("There is no contact with id " + id + "."));
    }

    @GetMapping("/api/v1/dnc")
    List<DoNotCallEntry> dnc(@RequestParam(defaultValue = "system") String scope,
                             @RequestParam(defaultValue = "1000") int limit, @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > 10_000) {
            throw new FieldException("limit", "limit must be from 1 to 10000; got " + limit + ".");
        }
        if (offset < 0) {
            throw new FieldException("offset", "offset must be 0 or more; got " + offset + ".");
        }
        return dncEntries(scope, null, offset, limit);
    }

    /** One page of a do-not-call list, oldest first, of the numbers containing {@code digits} (all when blank). */
    List<DoNotCallEntry> dncEntries(String scope, String digits, int offset, int limit) {
        return doNotCall.entries(scope(scope), digits, offset, limit);
    }

    @PostMapping("/api/v1/dnc")
    @PreAuthorize(Roles.MANAGES_DNC)
    ResponseEntity<DncRequest> addDnc(@RequestBody DncRequest request, Authentication user) {
        String phone = e164(request.phone());
        DoNotCallScope scope = scope(request.scope() == null ? "system" : request.scope());
        boolean added = doNotCall.add(phone, scope, "api", request.reason(), null);
        if (added) {
            audit.record(user.getName(), "dnc.add", "number " + PhoneNumbers.mask(phone), scope.code()
                    + (request.reason() == null ? "" : ": " + request.reason()));
        }
        return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new DncRequest(phone, scope.code(), request.reason()));
    }

    /**
     * Puts every number of a CSV list on a do-not-call list: the phone column is found as in contact lists (any of
     * the phone synonyms); each number must be E.164. Lines are read one at a time.
     */
    @PostMapping(path = "/api/v1/dnc/import", consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(Roles.MANAGES_DNC)
    DncImport importDnc(@RequestParam("file") org.springframework.web.multipart.MultipartFile file,
                        @RequestParam(defaultValue = "system") String scope, @RequestParam(required = false) String reason,
                        Authentication user) throws java.io.IOException {
        DoNotCallScope list = scope(scope);
        long added = 0;
        long already = 0;
        List<String> rejected = new java.util.ArrayList<>();
        try (var reader = new com.opencsv.CSVReaderBuilder(new java.io.InputStreamReader(file.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8)).build()) {
            String[] header = reader.readNext();
            if (header == null) {
                throw new InvalidFileException("file", "file is empty; send a CSV with a header and a phone column.");
            }
            int phone;
            try {
                phone = sa.navaia.dialer.importing.Columns.of(header).phone();
            } catch (RuntimeException noPhoneColumn) { // the importer's refusal, with its sentence
                throw new InvalidFileException("file", noPhoneColumn.getMessage());
            }
            long line = 1;
            for (String[] row = reader.readNext(); row != null; row = reader.readNext()) {
                line++;
                String value = row.length > phone ? row[phone].strip() : "";
                if (!PhoneNumbers.isE164(value)) {
                    if (rejected.size() < 100) {
                        rejected.add("Line " + line + ": \"" + value + "\" is not an E.164 number like +19383362295.");
                    }
                    continue;
                }
                if (doNotCall.add(value, list, "import", reason, null)) {
                    added++;
                } else {
                    already++;
                }
            }
        } catch (com.opencsv.exceptions.CsvException e) {
            throw new FieldException("file", "file cannot be read as CSV: " + e.getMessage());
        }
        audit.record(user.getName(), "dnc.import", list.code() + " list", file.getOriginalFilename() + ": " + added
                + " added, " + already + " already listed, " + rejected.size() + " refused");
        return new DncImport(added, already, rejected);
    }

    @DeleteMapping("/api/v1/dnc/{phone}")
    @PreAuthorize(Roles.MANAGES_DNC)
    ResponseEntity<Void> removeDnc(@PathVariable String phone, @RequestParam(defaultValue = "system") String scope,
                                   @RequestParam(required = false) String reason, Authentication user) {
        if (reason == null || reason.isBlank()) {
            throw new FieldException("reason", "reason is required: say why the number may be called again.");
        }
        String number = e164(phone);
        DoNotCallScope list = scope(scope);
        if (!doNotCall.remove(number, list, user.getName(), reason.strip())) {
            throw new NotFoundException("The number " + PhoneNumbers.mask(number) + " is not on the " + list.code() + " list.");
        }
        audit.record(user.getName(), "dnc.remove", "number " + PhoneNumbers.mask(number), list.code() + ": " + reason);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/agents")
    List<AgentView> agents() {
        return settings.elevenLabs().agents().all().stream().map(a -> new AgentView(a.name(), a.agentId(),
                a.connection().name().toLowerCase(java.util.Locale.ROOT), a.phoneNumber().orElse(null))).toList();
    }

    @GetMapping("/api/v1/unmatched")
    List<PostCallReview.Unmatched> unmatched() {
        return postCalls.unmatched();
    }

    @PostMapping("/api/v1/unmatched/{payloadId}/attach")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    PostCallReview.Attached attach(@PathVariable long payloadId, @RequestBody AttachRequest request, Authentication user) {
        if (request.sessionId() == null || request.sessionId().isBlank()) {
            throw new FieldException("sessionId", "sessionId is required: the vs_... session this payload belongs to.");
        }
        PostCallReview.Attached attached;
        try {
            attached = postCalls.attach(payloadId, request.sessionId().strip());
        } catch (PostCallReview.NotFound e) {
            throw new NotFoundException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConflictException(e.getMessage());
        }
        audit.record(user.getName(), "payload.attach", "payload " + payloadId, "to session " + request.sessionId().strip());
        return attached;
    }

    @PostMapping("/api/v1/campaigns/{id}/test-call")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    TestCall.Placed testCall(@PathVariable long id, @RequestBody TestCallRequest request, Authentication user)
            throws InterruptedException {
        Campaign campaign = campaigns.find(id);
        if (request.to() == null || request.to().isBlank()) {
            throw new FieldException("to", "to is required: the number to call, like +19383362295.");
        }
        settings.elevenLabs().agents().require(campaign.agentName());
        TestCall.Placed placed = testCall.place(testCall.plan(campaign, request.to(), Optional.ofNullable(request.asContact())));
        audit.record(user.getName(), "campaign.test_call", CampaignActions.target(campaign),
                "to " + PhoneNumbers.mask(request.to().strip()) + ", session " + placed.sessionId());
        return placed;
    }

    private static String e164(String phone) {
        String value = phone == null ? "" : phone.strip();
        if (!PhoneNumbers.isE164(value)) {
            throw new FieldException("phone", "phone must be an E.164 number like +19383362295; got \"" + phone + "\".");
        }
        return value;
    }

    private static DoNotCallScope scope(String text) {
        if (text.equals("system")) {
            return DoNotCallScope.SYSTEM;
        }
        if (text.matches("campaign:\\d+")) {
            return DoNotCallScope.campaign(Long.parseLong(text.substring("campaign:".length())));
        }
        throw new FieldException("scope", "scope must be system or campaign:<id>, like campaign:7; got \"" + text + "\".");
    }
}
