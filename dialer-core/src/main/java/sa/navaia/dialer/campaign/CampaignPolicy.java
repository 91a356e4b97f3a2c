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
 */
public record CampaignPolicy(long campaignId, OptOutScope optOutScope, Map<AttemptOutcome, OutcomeRetry> retries,
                             VoicemailPolicy voicemail, Optional<String> voicemailMessage) {

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
        if (voicemail == VoicemailPolicy.MESSAGE && voicemailMessage.isEmpty()) {
            throw new IllegalArgumentException("The voicemail policy \"message\" needs the message to leave, e.g."
                    + " --voicemail-message \"Hello {{name}}, this is Acme about your order; call us back on +1...\".");
        }
    }

    /** What a campaign without a policy row does: opt-outs on the system list, the campaign's one backoff, hang up on machines. */
    public static CampaignPolicy defaults(long campaignId) {
        return new CampaignPolicy(campaignId, OptOutScope.SYSTEM, Map.of(), VoicemailPolicy.HANGUP, Optional.empty());
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
