package sa.navaia.dialer.importing;

import sa.navaia.dialer.contact.NewContact;

/** What the processor made of one row: a contact to store, or a rejected row with its reason. */
sealed interface ImportItem {

    long line();

    record Accepted(NewContact contact, String rawValues) implements ImportItem {
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
