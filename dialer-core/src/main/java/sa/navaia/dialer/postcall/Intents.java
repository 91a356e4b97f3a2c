package sa.navaia.dialer.postcall;

import java.util.List;
import java.util.Locale;

/**
 * What the customer wanted: the agent's {@code intent} data-collection result when it gave one, else
 * keywords in the summary and the customer's words. An opt-out wins over everything else: one the customer said
 * (their own turns, or the summary) beats whatever intent the agent declared, because a person who asked not to
 * be called again must never be called again, whatever else the call was about.
 */
public final class Intents {

    public static final String BOOKING = "booking";
    public static final String SUPPORT = "support";
    public static final String OPT_OUT = "opt_out";
    public static final String NONE = "none";

    private static final List<String> OPT_OUT_WORDS = List.of("do not call", "don't call", "stop calling",
            "remove me", "unsubscribe", "opt out", "opt-out", "take me off");
    private static final List<String> BOOKING_WORDS = List.of("book", "appointment", "schedule", "reservation", "reserve");
    private static final List<String> SUPPORT_WORDS = List.of("support", "problem", "issue", "complaint", "broken",
            "not working", "help with");

    private Intents() {
    }

    public static String of(PostCallPayload payload) {
        if (saidOptOut(payload)) {
            return OPT_OUT;
        }
        String declared = payload.dataCollection().get("intent");
        if (declared != null && !declared.isBlank()) {
            return normalise(declared);
        }
        String text = (payload.summary().orElse("") + "\n" + payload.transcriptText()).toLowerCase(Locale.ROOT);
        if (OPT_OUT_WORDS.stream().anyMatch(text::contains)) {
            return OPT_OUT;
        }
        if (BOOKING_WORDS.stream().anyMatch(text::contains)) {
            return BOOKING;
        }
        if (SUPPORT_WORDS.stream().anyMatch(text::contains)) {
            return SUPPORT;
        }
        return NONE;
    }

    /** True when the customer's own words or the call's summary ask not to be called again. */
    public static boolean saidOptOut(PostCallPayload payload) {
        StringBuilder said = new StringBuilder(payload.summary().orElse("")).append('\n');
        payload.transcriptText().lines().filter(line -> line.startsWith("user:")).forEach(line -> said.append(line).append('\n'));
        String text = said.toString().toLowerCase(Locale.ROOT);
        return OPT_OUT_WORDS.stream().anyMatch(text::contains);
    }

    private static String normalise(String declared) {
        String value = declared.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return switch (value) {
            case "optout", "opt_out", "do_not_call", "unsubscribe" -> OPT_OUT;
            case "book", "booking", "appointment" -> BOOKING;
            case "support", "ticket", "complaint" -> SUPPORT;
            default -> value.length() > 40 ? value.substring(0, 40) : value;
        };
    }
}
