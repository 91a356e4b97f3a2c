package sa.navaia.dialer.importing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The header of a list, understood: where the phone number is, the known columns ({@code customer_id},
 * {@code name}, {@code timezone}, {@code email}, {@code consent}, {@code consent_source}, {@code consent_at},
 * {@code state}, and consent provenance: {@code consent_basis}, {@code consent_text}, {@code consent_method}),
 * and every other column, which becomes a per-recipient variable for the agent (as do the email and state columns). Names are matched in any
 * case, with spaces, dashes and dots read as underscores, and by the synonyms CRM exports use
 * ({@code Phone Number}, {@code Mobile Phone}, {@code Tel}, {@code Cell}, {@code E-mail}, ...). A
 * {@link #of(String[], Map) mapping} chosen by hand (field to column name) wins over the names.
 * An index is -1 when the column is absent.
 */
public record Columns(List<String> names, int phone, int customerId, int name, int timezone, int email, int consent,
                      int consentSource, int consentAt, int state, int consentBasis, int consentText,
                      int consentMethod, List<Integer> variables) {

    /** The fields a column can be mapped to, each with the header names that mean it. */
    public static final Map<String, List<String>> SYNONYMS = synonyms();
    static final List<String> PHONE_NAMES = SYNONYMS.get("phone");
    /**
     * The phone column's first names; the other synonyms (cell, tel, ...) name it only when none of these is in the
     * header, so a list with {@code phone} and {@code tel} columns imports as it did before they were synonyms.
     */
    private static final List<String> FIRST_PHONE_NAMES = List.of("phone", "phone_number", "number", "mobile");

    public Columns {
        names = List.copyOf(names);
        variables = List.copyOf(variables);
    }

    private static Map<String, List<String>> synonyms() {
        Map<String, List<String>> synonyms = new LinkedHashMap<>();
        synonyms.put("phone", List.of("phone", "phone_number", "number", "mobile", "mobile_phone", "mobile_number",
                "cell", "cell_phone", "cellphone", "tel", "telephone", "telephone_number", "phone_no", "msisdn"));
        // Not "customer", "contact" nor "mail": lists imported before these synonyms existed had such columns as the
        // agent's variables, and must import as they did.
        synonyms.put("customer_id", List.of("customer_id", "customerid", "customer_number", "account_id", "crm_id"));
        synonyms.put("name", List.of("name", "full_name", "contact_name"));
        synonyms.put("timezone", List.of("timezone", "time_zone", "tz"));
        synonyms.put("email", List.of("email", "e_mail", "email_address", "e_mail_address"));
        synonyms.put("consent", List.of("consent", "opted_in", "opt_in"));
        synonyms.put("consent_source", List.of("consent_source"));
        synonyms.put("consent_at", List.of("consent_at", "consent_date", "consent_captured_at"));
        synonyms.put("state", List.of("state", "us_state", "state_code"));
        synonyms.put("consent_basis", List.of("consent_basis", "consent_type"));
        synonyms.put("consent_text", List.of("consent_text", "consent_text_version", "consent_version", "disclosure_version"));
        synonyms.put("consent_method", List.of("consent_method", "consent_capture_method", "capture_method"));
        return java.util.Collections.unmodifiableMap(synonyms);
    }

    /** Reads a header by its names; a header without exactly one phone column, or with a name twice, is refused. */
    public static Columns of(String[] header) {
        return of(header, Map.of());
    }

    /**
     * Reads a header, with {@code mapping} (field, such as {@code phone}, to the header's column name) taking
     * the place of the names for the fields it maps; a mapped column that is not in the header is refused.
     */
    public static Columns of(String[] header, Map<String, String> mapping) {
        List<String> names = new ArrayList<>();
        for (String name : header) {
            names.add(name == null ? "" : name.strip());
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!name.isEmpty() && !seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new ImportRefusedException("The header names the column \"" + name
                        + "\" twice; give every column its own name.");
            }
        }
        for (var entry : mapping.entrySet()) {
            if (!SYNONYMS.containsKey(entry.getKey())) {
                throw new ImportRefusedException("A column can be mapped to " + String.join(", ", SYNONYMS.keySet())
                        + "; not to \"" + entry.getKey() + "\".");
            }
            if (!entry.getValue().isBlank() && !names.contains(entry.getValue().strip())) {
                throw new ImportRefusedException("The mapping names the column \"" + entry.getValue() + "\" for "
                        + entry.getKey() + ", and the header has no such column; found: " + String.join(", ", names) + ".");
            }
        }
        Map<String, Integer> fields = new LinkedHashMap<>();
        for (String field : SYNONYMS.keySet()) {
            String mapped = mapping.get(field);
            if (mapped != null) {
                fields.put(field, mapped.isBlank() ? -1 : names.indexOf(mapped.strip()));
            }
        }
        List<Integer> phones = new ArrayList<>();
        if (fields.containsKey("phone")) {
            if (fields.get("phone") >= 0) {
                phones.add(fields.get("phone"));
            }
        } else {
            for (List<String> tier : List.of(FIRST_PHONE_NAMES, PHONE_NAMES)) {
                for (int i = 0; i < names.size(); i++) {
                    if (!fields.containsValue(i) && tier.contains(key(names.get(i)))) {
                        phones.add(i);
                    }
                }
                if (!phones.isEmpty()) {
                    break;
                }
            }
        }
        if (phones.isEmpty()) {
            throw new ImportRefusedException("No phone column: the header must name one of "
                    + String.join(", ", PHONE_NAMES) + " (in any case, with spaces or underscores), or the column must be"
                    + " mapped to phone; found: " + String.join(", ", names) + ".");
        }
        if (phones.size() > 1) {
            throw new ImportRefusedException("More than one phone column ("
                    + String.join(", ", phones.stream().map(names::get).toList())
                    + "): keep exactly one of " + String.join(", ", PHONE_NAMES) + " and rename the others, or map one to phone.");
        }
        fields.put("phone", phones.get(0));
        for (String field : SYNONYMS.keySet()) {
            if (!fields.containsKey(field)) {
                fields.put(field, indexOf(names, SYNONYMS.get(field), fields.values()));
            }
        }
        Set<Integer> known = new HashSet<>(fields.values());
        List<Integer> variables = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!known.contains(i)) {
                variables.add(i);
            }
        }
        return new Columns(names, fields.get("phone"), fields.get("customer_id"), fields.get("name"),
                fields.get("timezone"), fields.get("email"), fields.get("consent"), fields.get("consent_source"),
                fields.get("consent_at"), fields.get("state"), fields.get("consent_basis"), fields.get("consent_text"),
                fields.get("consent_method"), variables);
    }

    /** Field to column name, for every field this header maps: what the console proposes. */
    public Map<String, String> mapping() {
        Map<String, String> mapping = new LinkedHashMap<>();
        int[] indexes = {phone, customerId, name, timezone, email, consent, consentSource, consentAt, state, consentBasis,
                consentText, consentMethod};
        List<String> fields = List.copyOf(SYNONYMS.keySet());
        for (int f = 0; f < fields.size(); f++) {
            if (indexes[f] >= 0) {
                mapping.put(fields.get(f), names.get(indexes[f]));
            }
        }
        return mapping;
    }

    /** The agent variable a column becomes: its own name, except that an email column is always {@code email}. */
    String variableName(int index) {
        return index == email ? "email" : names.get(index);
    }

    /**
     * The columns that become variables, and the email and state columns, by the name the agent sees (a state column
     * was a variable before the state rules read it, and agents' prompts may use it).
     */
    List<Integer> variableColumns() {
        return java.util.stream.Stream.concat(variables.stream(), java.util.stream.Stream.of(email, state).filter(i -> i >= 0))
                .sorted().toList();
    }

    int count() {
        return names.size();
    }

    String phoneName() {
        return names.get(phone);
    }

    /** {@code phone=Mobile Phone;name=Full Name}: a mapping as one job parameter. */
    public static String encode(Map<String, String> mapping) {
        return mapping.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }

    public static Map<String, String> decode(String text) {
        Map<String, String> mapping = new LinkedHashMap<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    mapping.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        return mapping;
    }

    private static int indexOf(List<String> names, List<String> wanted, java.util.Collection<Integer> taken) {
        for (String synonym : wanted) {
            for (int i = 0; i < names.size(); i++) {
                if (!taken.contains(i) && key(names.get(i)).equals(synonym)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s.\\-]+", "_");
    }
}
