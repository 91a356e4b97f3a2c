package sa.navaia.dialer.campaign;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import sa.navaia.dialer.eligibility.AttemptOutcome;
import sa.navaia.dialer.eligibility.OutcomeRetry;

/**
 * A campaign's compliance policies beyond its dialing row ({@code campaign_policies}): where an opt-out said in its
 * calls is listed, each outcome's own retries, and what a call answered by a machine does.
 *
 * @param voicemailMessage what {@link VoicemailPolicy#MESSAGE} says after the greeting, with {@code {{name}}} and the
 *                         contact's other variables filled in
 * @param identificationMessage what a person who answered hears when the agent's leg does not connect (the abandonment
 *                              safe harbour's identification and opt-out message); empty: the call just ends
 */
public record CampaignPolicy(long campaignId, OptOutScope optOutScope, Map<AttemptOutcome, OutcomeRetry> retries,
                             VoicemailPolicy voicemail, Optional<String> voicemailMessage,
                             Optional<String> identificationMessage) {

    /** {@code campaign_policies.identification_message} holds this many characters. */
    public static final int MAX_IDENTIFICATION = 500;

    /** Where an opt-out said in a call is listed: always the system list, and the campaign's own when asked. */
    public enum OptOutScope {
        SYSTEM("system"), SYSTEM_AND_CAMPAIGN("system+campaign");

        private final String code;

        OptOutScope(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static OptOutScope of(String text) {
            for (OptOutScope scope : values()) {
                if (scope.code.equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return scope;
                }
            }
            throw new IllegalArgumentException("The opt-out scope must be system or system+campaign; got \"" + text + "\".");
        }
    }

    /** What a call answered by a machine does: hang up, leave the campaign's message, or go to the agent as if a person spoke. */
    public enum VoicemailPolicy {
        HANGUP, MESSAGE, AGENT;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static VoicemailPolicy of(String text) {
            for (VoicemailPolicy policy : values()) {
                if (policy.code().equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return policy;
                }
            }
            throw new IllegalArgumentException("The voicemail policy must be hangup, message or agent; got \"" + text + "\".");
        }
    }

    public CampaignPolicy {
        Objects.requireNonNull(optOutScope, "optOutScope");
        retries = Map.copyOf(retries);
        Objects.requireNonNull(voicemail, "voicemail");
        voicemailMessage = voicemailMessage.filter(m -> !m.isBlank());
        identificationMessage = identificationMessage.map(String::strip).filter(m -> !m.isEmpty());
        if (identificationMessage.filter(m -> m.length() > MAX_IDENTIFICATION).isPresent()) {
            throw new IllegalArgumentException("The identification message holds at most " + MAX_IDENTIFICATION
                    + " characters; keep it short: who calls, that it was for telemarketing, and a number to opt out.");
        }
        if (voicemail == VoicemailPolicy.MESSAGE && voicemailMessage.isEmpty()) {
            throw new IllegalArgumentException("The voicemail policy \"message\" needs the message to leave, e.g."
                    + " --voicemail-message \"Hello {{name}}, this is Acme about your order; call us back on +1...\".");
        }
    }

    /** A policy without an identification message. */
    public CampaignPolicy(long campaignId, OptOutScope optOutScope, Map<AttemptOutcome, OutcomeRetry> retries,
                          VoicemailPolicy voicemail, Optional<String> voicemailMessage) {
        this(campaignId, optOutScope, retries, voicemail, voicemailMessage, Optional.empty());
    }

    /**
     * What a campaign without a policy row does: opt-outs on the system list, the campaign's one backoff, hang up on
     * machines, no identification message.
     */
    public static CampaignPolicy defaults(long campaignId) {
        return new CampaignPolicy(campaignId, OptOutScope.SYSTEM, Map.of(), VoicemailPolicy.HANGUP, Optional.empty());
    }

    /** The same policy with another identification message (empty: none). */
    public CampaignPolicy withIdentificationMessage(Optional<String> message) {
        return new CampaignPolicy(campaignId, optOutScope, retries, voicemail, voicemailMessage, message);
    }

    /**
     * The identification message the rules describe, naming the seller and a number where the person can ask not to be
     * called again: "limited to disclosing that the call was for 'telemarketing purposes'", the seller's name and a
     * number for do-not-call requests, no sales pitch (47 CFR 64.1200(a)(7)(i)(A); 16 CFR 310.4(b)(4)(iii)).
     *
     * @param callbackNumber as it should be read out, e.g. {@code 938-336-2295}
     */
    public static String defaultIdentification(String seller, String callbackNumber) {
        if (seller == null || seller.isBlank() || callbackNumber == null || callbackNumber.isBlank()) {
            throw new IllegalArgumentException("The identification message names the seller and a callback number, e.g."
                    + " --identify-as \"Acme Inc.\" --callback-number +19383362295.");
        }
        String name = seller.strip();
        return "This call was for telemarketing purposes, on behalf of " + name + (name.endsWith(".") ? "" : ".")
                + " To ask not to be called"
                + " again, or to reach us, call " + callbackNumber.strip() + ". Goodbye.";
    }

    /** The message with {@code {{key}}} replaced by the contact's values; a key the contact lacks is left out. */
    public Optional<String> voicemailMessageFor(Map<String, String> variables) {
        return voicemailMessage.map(template -> {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (at < template.length()) {
                int open = template.indexOf("{{", at);
                int close = open < 0 ? -1 : template.indexOf("}}", open + 2);
                if (close < 0) {
                    out.append(template, at, template.length());
                    break;
                }
                out.append(template, at, open);
                out.append(variables.getOrDefault(template.substring(open + 2, close).strip(), ""));
                at = close + 2;
            }
            return out.toString().replaceAll("\\s{2,}", " ").strip();
        });
    }
}
