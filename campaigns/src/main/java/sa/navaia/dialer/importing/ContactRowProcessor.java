package sa.navaia.dialer.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.consent.Consent;
import sa.navaia.dialer.consent.ConsentRepository;
import sa.navaia.dialer.contact.ContactStatus;
import sa.navaia.dialer.contact.NewContact;
import sa.navaia.dialer.phone.ParseResult;
import sa.navaia.dialer.phone.PhoneNumber;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.phone.Reason;
import sa.navaia.dialer.phone.UsStates;
import sa.navaia.dialer.phone.ZoneLookup;

/**
 * Checks and normalises one row, in this order, the first failure being its reason: readable, the
 * header's column count, UTF-8, field lengths (as the schema holds them), the phone rules of
 * dialer-core ({@link PhoneNumbers}), the time zone, consent, and last duplicates within the file (the
 * first line is kept). A number whose zone neither the list nor libphonenumber knows
 * ({@code UNKNOWN_TIME_ZONE}) is kept without zones, as the phone package's contract says: the dial
 * job skips it and records why. Valid rows become contacts with their other columns as a JSON object of
 * variables. A row with a consent basis carries its provenance (source, time, text or version, how captured: all
 * required, else {@code INVALID_CONSENT}) to be recorded as the CLI records consents; a state the US does not have is
 * {@code INVALID_STATE} for a US number. Rows without consent in a campaign that requires it are rejected
 * ({@code NO_CONSENT}), not stored: a corrected list can then add them, which a stored suppressed contact would prevent.
 */
final class ContactRowProcessor implements ItemProcessor<CsvRow, ImportItem> {

    static final int MAX_FIELD = 1000;
    /**
     * {@code contacts.time_zones} holds 400 characters. Toll-free and other non-geographic numbers map
     * to dozens of zones (a US 800 number to 42): those are stored without zones, and the dial job
     * derives them from the number again, as it does for any contact without zones.
     */
    static final int MAX_TIME_ZONES = 400;
    private static final Map<String, Boolean> CONSENT_WORDS = Map.of(
            "yes", true, "y", true, "true", true, "1", true,
            "no", false, "n", false, "false", false, "0", false, "", false);

    private final Campaign campaign;
    private final long importId;
    private final Columns columns;
    private final PhoneNumbers phoneNumbers;
    private final ObjectMapper json;
    private final LongIntHashMap firstLines = new LongIntHashMap(1 << 16);

    ContactRowProcessor(Campaign campaign, long importId, Columns columns, PhoneNumbers phoneNumbers, ObjectMapper json) {
        this.campaign = campaign;
        this.importId = importId;
        this.columns = columns;
        this.phoneNumbers = phoneNumbers;
        this.json = json;
    }

    @Override
    public ImportItem process(CsvRow row) {
        long line = row.line();
        if (row.problem().isPresent()) {
            return reject(row, RejectReason.UNREADABLE_ROW.name(), row.problem().get());
        }
        List<String> values = row.values();
        if (values.size() != columns.count()) {
            return reject(row, RejectReason.WRONG_COLUMN_COUNT.name(), "Line " + line + " has " + values.size()
                    + " fields, the header has " + columns.count()
                    + "; check for a missing or extra separator, or a value with a separator that is not quoted.");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).indexOf('\uFFFD') >= 0) {
                return reject(row, RejectReason.INVALID_ENCODING.name(), "Line " + line + " is not UTF-8 text (column "
                        + columns.names().get(i) + ": \"" + shorten(values.get(i)) + "\"); save the list as CSV UTF-8.");
            }
        }
        Optional<String> tooLong = tooLong(values, line);
        if (tooLong.isPresent()) {
            return reject(row, RejectReason.FIELD_TOO_LONG.name(), tooLong.get());
        }
        String raw = values.get(columns.phone());
        ParseResult parsed = phoneNumbers.parse(raw, campaign.defaultRegion(), campaign.allowedCountries());
        if (parsed instanceof ParseResult.Invalid invalid) {
            return reject(row, invalid.reason().name(), "Line " + line + ": " + invalid.message());
        }
        PhoneNumber number = ((ParseResult.Valid) parsed).number();
        ZoneLookup zones = phoneNumbers.zonesFor(number, value(values, columns.timezone()));
        if (zones instanceof ZoneLookup.NotFound notFound && notFound.reason() != Reason.UNKNOWN_TIME_ZONE) {
            return reject(row, notFound.reason().name(), "Line " + line + ": " + notFound.message());
        }
        String consentText = value(values, columns.consent()).orElse("").strip().toLowerCase(Locale.ROOT);
        Boolean consent = CONSENT_WORDS.get(consentText);
        if (consent == null) {
            return reject(row, RejectReason.INVALID_CONSENT.name(), "Line " + line + ": consent \""
                    + shorten(consentText) + "\" is not one of yes, no, true, false, 1, 0.");
        }
        Instant consentAt;
        try {
            consentAt = value(values, columns.consentAt()).map(String::strip).filter(s -> !s.isEmpty())
                    .map(ContactRowProcessor::instant).orElse(null);
        } catch (DateTimeParseException e) {
            return reject(row, RejectReason.INVALID_CONSENT.name(), "Line " + line + ": consent_at \""
                    + shorten(values.get(columns.consentAt())) + "\" is not an ISO date or time, e.g. 2026-11-24 or 2026-11-24T09:30:00Z.");
        }
        Optional<ConsentRepository.NewConsent> provenance = Optional.empty();
        String basisText = value(values, columns.consentBasis()).orElse("").strip();
        if (!basisText.isEmpty()) {
            Consent.Basis basis;
            try {
                basis = Consent.Basis.of(basisText);
            } catch (IllegalArgumentException e) {
                return reject(row, RejectReason.INVALID_CONSENT.name(), "Line " + line + ": " + e.getMessage());
            }
            if (!consentText.isEmpty() && !consent) {
                return reject(row, RejectReason.INVALID_CONSENT.name(), "Line " + line + ": consent says \"" + shorten(consentText)
                        + "\" and consent_basis says " + basis.code() + "; a row with a consent basis has consent.");
            }
            try {
                provenance = Optional.of(new ConsentRepository.NewConsent(number.e164(), blankToNull(value(values, columns.customerId())),
                        basis, blankToNull(value(values, columns.consentSource())), consentAt,
                        blankToNull(value(values, columns.consentText())), blankToNull(value(values, columns.consentMethod())),
                        "import #" + importId));
            } catch (IllegalArgumentException e) {
                return reject(row, RejectReason.INVALID_CONSENT.name(), "Line " + line + ": the row gives consent_basis "
                        + basis.code() + " without all its provenance (columns consent_source, consent_at, consent_text,"
                        + " consent_method). " + e.getMessage());
            }
            consent = true;
        }
        String stateText = value(values, columns.state()).orElse("").strip();
        Optional<String> usState = UsStates.parse(stateText);
        if (!stateText.isEmpty() && usState.isEmpty() && "US".equals(number.regionCode())) {
            return reject(row, RejectReason.INVALID_STATE.name(), "Line " + line + ": state \"" + shorten(stateText)
                    + "\" is not a US state; write its two-letter code (FL) or its name (Florida), or leave it empty to go"
                    + " by the number's area code.");
        }
        if (campaign.requiresConsent() && !consent) {
            return reject(row, RejectReason.NO_CONSENT.name(), "Line " + line + ": this campaign calls only people who"
                    + " consented, and the consent column says \"" + consentText + "\"; write yes where consent was given.");
        }
        int first = firstLines.putIfAbsent(Long.parseLong(number.e164().substring(1)), (int) line);
        if (first != LongIntHashMap.ABSENT && first != line) {
            return reject(row, RejectReason.DUPLICATE_IN_FILE.name(), duplicateInFile(line, number.e164(), raw, first));
        }
        String timeZones = zones instanceof ZoneLookup.Found found
                ? found.zones().stream().map(ZoneId::getId).collect(Collectors.joining(",")) : null;
        if (timeZones != null && timeZones.length() > MAX_TIME_ZONES) {
            timeZones = null;
        }
        NewContact contact = new NewContact(campaign.id(), importId, line, number.e164(), raw.strip(), number.regionCode(),
                blankToNull(value(values, columns.customerId())), blankToNull(value(values, columns.name())), timeZones,
                consent, blankToNull(value(values, columns.consentSource())), consentAt, variables(values),
                ContactStatus.PENDING, null, usState.orElse(null));
        return new ImportItem.Accepted(contact, rawValues(values), provenance);
    }

    private Optional<String> tooLong(List<String> values, long line) {
        for (int i = 0; i < values.size(); i++) {
            int limit = limitOf(i);
            if (values.get(i).length() > limit) {
                return Optional.of("Line " + line + ": " + columns.names().get(i) + " is " + values.get(i).length()
                        + " characters long (\"" + shorten(values.get(i)) + "\"); it holds at most " + limit + ".");
            }
        }
        return Optional.empty();
    }

    private int limitOf(int column) {
        if (column == columns.phone()) {
            return 100;
        }
        if (column == columns.customerId()) {
            return 100;
        }
        if (column == columns.name() || column == columns.consentSource() || column == columns.consentText()) {
            return 200;
        }
        if (column == columns.consentMethod()) {
            return 40;
        }
        if (column == columns.timezone()) {
            return 64;
        }
        return MAX_FIELD;
    }

    private String variables(List<String> values) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int index : columns.variableColumns()) {
            variables.put(columns.variableName(index), values.get(index));
        }
        return variables.isEmpty() ? null : write(variables);
    }

    private String rawValues(List<String> values) {
        return write(values);
    }

    private ImportItem reject(CsvRow row, String code, String reason) {
        return new ImportItem.Rejected(new RejectedRow(importId, row.line(), code, reason, rawValues(row.values())));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }

    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
        }
    }

    private static Optional<String> value(List<String> values, int index) {
        return index < 0 ? Optional.empty() : Optional.of(values.get(index));
    }

    private static String blankToNull(Optional<String> value) {
        return value.map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** The sentence for a number seen on an earlier line of the same list. */
    static String duplicateInFile(long line, String e164, String raw, long firstLine) {
        return "Line " + line + ": " + e164 + " (written \"" + shorten(raw.strip()) + "\") is on line " + firstLine
                + " already; the first is kept.";
    }

    static String shorten(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
