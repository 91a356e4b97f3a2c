package sa.navaia.dialer.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.consent.ConsentRepository;
import sa.navaia.dialer.contact.ContactRepository;
import sa.navaia.dialer.contact.ContactStatus;
import sa.navaia.dialer.contact.ExistingContact;
import sa.navaia.dialer.contact.NewContact;
import sa.navaia.dialer.dnc.DoNotCallRepository;

/**
 * Stores one chunk in the chunk's transaction: numbers the campaign has already are reported (as
 * {@code DUPLICATE_IN_FILE} when this same import stored them on an earlier line, e.g. before a
 * restart, else {@code DUPLICATE_IN_CAMPAIGN}); numbers on a do-not-call list are stored as
 * {@code suppressed}; the rest are inserted in one batch, with the consents their rows give (as the CLI records them;
 * one already on record is not recorded twice); rejected rows are recorded. A number another
 * process adds meanwhile fails the batch inside a savepoint, and the chunk is then stored row by row.
 */
final class ContactImportWriter implements ItemWriter<ImportItem> {

    static final String DO_NOT_CALL = "do-not-call";

    private final long campaignId;
    private final long importId;
    private final ContactRepository contacts;
    private final ImportRepository imports;
    private final DoNotCallRepository doNotCall;
    private final ConsentRepository consents;
    private final TransactionTemplate savepoint;

    ContactImportWriter(long campaignId, long importId, ContactRepository contacts, ImportRepository imports,
                        DoNotCallRepository doNotCall, ConsentRepository consents,
                        PlatformTransactionManager transactionManager) {
        this.campaignId = campaignId;
        this.importId = importId;
        this.contacts = contacts;
        this.imports = imports;
        this.doNotCall = doNotCall;
        this.consents = consents;
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public void write(Chunk<? extends ImportItem> chunk) {
        List<ImportItem.Accepted> accepted = new ArrayList<>();
        List<RejectedRow> rejects = new ArrayList<>();
        for (ImportItem item : chunk) {
            if (item instanceof ImportItem.Accepted a) {
                accepted.add(a);
            } else {
                rejects.add(((ImportItem.Rejected) item).row());
            }
        }
        List<String> phones = accepted.stream().map(a -> a.contact().phoneE164()).toList();
        Map<String, ExistingContact> existing = contacts.existingPhones(campaignId, phones);
        Set<String> listed = doNotCall.listedAmong(phones, campaignId);
        List<NewContact> fresh = new ArrayList<>();
        for (ImportItem.Accepted item : accepted) {
            NewContact contact = item.contact();
            ExistingContact there = existing.get(contact.phoneE164());
            if (there == null) {
                fresh.add(listed.contains(contact.phoneE164())
                        ? contact.withStatus(ContactStatus.SUPPRESSED, DO_NOT_CALL) : contact);
            } else if (!there.cameFrom(importId, contact.lineNumber())) {
                rejects.add(duplicate(item, there));
            }
        }
        List<NewContact> stored = insert(fresh, accepted, rejects);
        Set<Long> storedLines = stored.stream().map(NewContact::lineNumber).collect(java.util.stream.Collectors.toSet());
        consents.recordAll(accepted.stream().filter(a -> storedLines.contains(a.contact().lineNumber()))
                .flatMap(a -> a.consent().stream()).toList());
        imports.recordRejects(rejects);
    }

    /** The contacts stored: all of {@code fresh} but those another process added meanwhile. */
    private List<NewContact> insert(List<NewContact> fresh, List<ImportItem.Accepted> accepted, List<RejectedRow> rejects) {
        try {
            savepoint.executeWithoutResult(status -> contacts.insertAll(fresh));
            return fresh;
        } catch (DuplicateKeyException addedMeanwhile) {
            List<NewContact> stored = new ArrayList<>();
            for (NewContact contact : fresh) {
                if (contacts.insertOne(contact)) {
                    stored.add(contact);
                } else {
                    ImportItem.Accepted item = accepted.stream()
                            .filter(a -> a.contact().lineNumber().equals(contact.lineNumber())).findFirst().orElseThrow();
                    rejects.add(new RejectedRow(importId, contact.lineNumber(), RejectReason.DUPLICATE_IN_CAMPAIGN.name(),
                            "Line " + contact.lineNumber() + ": " + contact.phoneE164()
                                    + " was added to the campaign while this list was being imported.", item.rawValues()));
                }
            }
            return stored;
        }
    }

    private RejectedRow duplicate(ImportItem.Accepted item, ExistingContact there) {
        NewContact contact = item.contact();
        long line = contact.lineNumber();
        if (there.importId() != null && there.importId() == importId) {
            return new RejectedRow(importId, line, RejectReason.DUPLICATE_IN_FILE.name(), ContactRowProcessor
                    .duplicateInFile(line, contact.phoneE164(), contact.phoneRaw(), there.lineNumber()), item.rawValues());
        }
        String origin = there.importId() == null ? "" : " (from import #" + there.importId()
                + (there.lineNumber() == null ? "" : ", line " + there.lineNumber()) + ")";
        return new RejectedRow(importId, line, RejectReason.DUPLICATE_IN_CAMPAIGN.name(), "Line " + line + ": "
                + contact.phoneE164() + " is in this campaign already" + origin + "; it is not imported twice.",
                item.rawValues());
    }
}
