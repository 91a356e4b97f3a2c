package sa.navaia.dialer.importing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The header of a list, understood: where the phone number is (exactly one of {@code phone},
 * {@code phone_number}, {@code number}, {@code mobile}, in any case), the known columns
 * ({@code customer_id}, {@code name}, {@code timezone}, {@code consent}, {@code consent_source},
 * {@code consent_at}), and every other column, which becomes a per-recipient variable for the agent.
 * An index is -1 when the column is absent.
 */
record Columns(List<String> names, int phone, int customerId, int name, int timezone, int consent,
               int consentSource, int consentAt, List<Integer> variables) {

    static final List<String> PHONE_NAMES = List.of("phone", "phone_number", "number", "mobile");

    Columns {
        names = List.copyOf(names);
        variables = List.copyOf(variables);
    }

    /** Reads a header; a header without exactly one phone column, or with a name twice, is refused. */
    static Columns of(String[] header) {
        List<String> names = new ArrayList<>();
        for (String name : header) {
            names.add(name == null ? "" : name.strip());
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!name.isEmpty() && !seen.add(key(name))) {
                throw new ImportRefusedException("The header names the column \"" + name
                        + "\" twice; give every column its own name.");
            }
        }
        List<Integer> phones = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (PHONE_NAMES.contains(key(names.get(i)))) {
                phones.add(i);
            }
        }
        if (phones.isEmpty()) {
            throw new ImportRefusedException("No phone column: the header must name one of "
                    + String.join(", ", PHONE_NAMES) + "; found: " + String.join(", ", names) + ".");
        }
        if (phones.size() > 1) {
            throw new ImportRefusedException("More than one phone column ("
                    + String.join(", ", phones.stream().map(names::get).toList())
                    + "): keep exactly one of " + String.join(", ", PHONE_NAMES) + " and rename the others.");
        }
        int customerId = indexOf(names, "customer_id");
        int name = indexOf(names, "name");
        int timezone = indexOf(names, "timezone");
        int consent = indexOf(names, "consent");
        int consentSource = indexOf(names, "consent_source");
        int consentAt = indexOf(names, "consent_at");
        Set<Integer> known = new HashSet<>(List.of(phones.get(0), customerId, name, timezone, consent, consentSource, consentAt));
        List<Integer> variables = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!known.contains(i)) {
                variables.add(i);
            }
        }
        return new Columns(names, phones.get(0), customerId, name, timezone, consent, consentSource, consentAt, variables);
    }

    int count() {
        return names.size();
    }

    String phoneName() {
        return names.get(phone);
    }

    private static int indexOf(List<String> names, String wanted) {
        for (int i = 0; i < names.size(); i++) {
            if (key(names.get(i)).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
