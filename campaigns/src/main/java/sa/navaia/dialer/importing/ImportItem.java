package sa.navaia.dialer.importing;

import java.util.Optional;
import sa.navaia.dialer.consent.ConsentRepository;
import sa.navaia.dialer.contact.NewContact;

/** What the processor made of one row: a contact to store, or a rejected row with its reason. */
sealed interface ImportItem {

    long line();

    /** @param consent the consent the row records, with its provenance, when it gives a consent basis */
    record Accepted(NewContact contact, String rawValues, Optional<ConsentRepository.NewConsent> consent) implements ImportItem {
        @Override
        public long line() {
            return contact.lineNumber();
        }
    }

    record Rejected(RejectedRow row) implements ImportItem {
        @Override
        public long line() {
            return row.lineNumber();
        }
    }
}
