package sa.navaia.dialer.contact;

import java.time.Instant;
import java.util.Objects;

/**
 * A contact read from an imported list, ready to be stored: the number in E.164 and as written, the
 * recipient's zones (comma-separated IANA names), consent, the other CSV columns as a JSON object, and the
 * recipient's US state as the list gives it ({@code FL}; null when it does not).
 */
public record NewContact(
        long campaignId,
        Long importId,
        Long lineNumber,
        String phoneE164,
        String phoneRaw,
        String regionCode,
        String customerId,
        String name,
        String timeZones,
        boolean consent,
        String consentSource,
        Instant consentAt,
        String variablesJson,
        ContactStatus status,
        String finalOutcome,
        String usState) {

    public NewContact {
        Objects.requireNonNull(phoneE164, "phoneE164");
        Objects.requireNonNull(status, "status");
    }

    /** A contact whose list gives no US state. */
    public NewContact(long campaignId, Long importId, Long lineNumber, String phoneE164, String phoneRaw, String regionCode,
                      String customerId, String name, String timeZones, boolean consent, String consentSource,
                      Instant consentAt, String variablesJson, ContactStatus status, String finalOutcome) {
        this(campaignId, importId, lineNumber, phoneE164, phoneRaw, regionCode, customerId, name, timeZones, consent,
                consentSource, consentAt, variablesJson, status, finalOutcome, null);
    }

    /** The same contact with another status and final outcome (e.g. suppressed, do-not-call). */
    public NewContact withStatus(ContactStatus newStatus, String outcome) {
        return new NewContact(campaignId, importId, lineNumber, phoneE164, phoneRaw, regionCode, customerId, name,
                timeZones, consent, consentSource, consentAt, variablesJson, newStatus, outcome, usState);
    }
}
