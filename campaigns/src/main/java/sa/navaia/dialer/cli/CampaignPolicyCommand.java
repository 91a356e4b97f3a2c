package sa.navaia.dialer.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignPolicy;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.eligibility.OutcomeRetry;

@Command(name = "policy", description = "Show or change a campaign's compliance policy: opt-out scope, per-outcome retries,"
        + " voicemail, identification message.")
final class CampaignPolicyCommand implements Callable<Integer> {

    /**
     * The abandonment safe harbour's identification message, as {@code campaign create} and {@code campaign policy} take
     * it: the default text naming the seller and a callback number, or a text of one's own, or none.
     */
    static final class Identification {
        @Option(names = "--identify-as", description = "Say the default identification message, naming this seller, when a"
                + " person answers and no agent is reached (see --callback-number).")
        String seller;
        @Option(names = "--callback-number", description = "The number the identification message gives for do-not-call"
                + " requests (default: the campaign's caller ID).")
        String callbackNumber;
        @Option(names = "--identification-message", description = "The identification message in your own words (\"\" for"
                + " none): that the call was for telemarketing, the seller's name, a number to ask not to be called; no pitch.")
        String message;

        /** The message to set: empty when no option asks for a change; an empty message turns it off. */
        Optional<Optional<String>> change(Campaign campaign) {
            if (message != null) {
                return Optional.of(Optional.of(message));
            }
            if (seller != null) {
                String number = callbackNumber == null ? campaign.callerId() : callbackNumber;
                return Optional.of(Optional.of(CampaignPolicy.defaultIdentification(seller, spoken(number))));
            }
            if (callbackNumber != null) {
                throw new IllegalArgumentException("--callback-number goes with --identify-as SELLER.");
            }
            return Optional.empty();
        }

        /** +19383362295 as a person reads it, 938-336-2295; other numbers as given. */
        static String spoken(String number) {
            String e164 = number.strip();
            return e164.matches("\\+1\\d{10}")
                    ? e164.substring(2, 5) + "-" + e164.substring(5, 8) + "-" + e164.substring(8) : e164;
        }
    }

    @Parameters(paramLabel = "CAMPAIGN", description = "Name or id.")
    String campaign;
    @Option(names = "--opt-out-scope", description = "system (an opt-out said in a call goes on the system list) or"
            + " system+campaign (on this campaign's own list too).")
    String optOutScope;
    @Option(names = "--retries", description = "Per-outcome attempts and minutes between them, e.g."
            + " \"busy=3:10,30;no-answer=4:60,240;voicemail=2:1440;failed=2:30;agent-unavailable=3:5\"; \"\" for the campaign's one backoff.")
    String retries;
    @Option(names = "--voicemail", description = "hangup, message (needs --machine-detection DetectMessageEnd) or agent.")
    String voicemail;
    @Option(names = "--voicemail-message", description = "What a message says after the beep; {{name}} and the contact's other"
            + " columns are filled in.")
    String voicemailMessage;
    @picocli.CommandLine.ArgGroup(exclusive = false)
    Identification identification = new Identification();

    @Override
    public Integer call() {
        try (HikariDataSource dataSource = DataSources.create(SettingsLoader.fromEnvironment().database(), "cli")) {
            Clock clock = Clock.systemUTC();
            Campaign c = CampaignCommand.find(new CampaignRepository(dataSource, clock), campaign);
            CampaignPolicyRepository policies = new CampaignPolicyRepository(dataSource, clock);
            CampaignPolicy current = policies.of(c.id());
            Optional<Optional<String>> identifying = identification.change(c);
            if (optOutScope != null || retries != null || voicemail != null || voicemailMessage != null
                    || identifying.isPresent()) {
                CampaignPolicy changed = new CampaignPolicy(c.id(),
                        optOutScope == null ? current.optOutScope() : CampaignPolicy.OptOutScope.of(optOutScope),
                        retries == null ? current.retries() : OutcomeRetry.parseRules(retries),
                        voicemail == null ? current.voicemail() : CampaignPolicy.VoicemailPolicy.of(voicemail),
                        voicemailMessage == null ? current.voicemailMessage() : Optional.of(voicemailMessage),
                        identifying.orElse(current.identificationMessage()));
                if (changed.voicemail() == CampaignPolicy.VoicemailPolicy.MESSAGE && !"DetectMessageEnd".equals(c.machineDetection())) {
                    throw new IllegalArgumentException("--voicemail message needs the campaign's machine detection to be"
                            + " DetectMessageEnd (it is " + c.machineDetection() + "): without it the message would start over"
                            + " the greeting and be cut off.");
                }
                current = policies.save(changed);
                CliAudit.record(dataSource, "campaign.policy", AuditLog.target(c), describe(c, current));
            }
            System.out.println(describe(c, current));
        }
        return 0;
    }

    static String describe(Campaign c, CampaignPolicy p) {
        return String.join("\n",
                "Campaign " + c.name() + " policy:",
                "  opt-outs said in a call go on: " + (p.optOutScope() == CampaignPolicy.OptOutScope.SYSTEM
                        ? "the system list" : "the system list and this campaign's list"),
                "  retries: " + (p.retries().isEmpty() ? "every retried outcome by the campaign's backoff ("
                        + c.retryBackoff().stream().map(d -> d.toMinutes() + "m").collect(Collectors.joining(","))
                        + "), " + c.maxAttempts() + " attempts"
                        : OutcomeRetry.format(p.retries()) + " (outcome=attempts:minutes); others by the campaign's backoff;"
                        + " at most " + c.maxAttempts() + " attempts in all"),
                "  voicemail: " + p.voicemail().code() + p.voicemailMessage().map(m -> " \"" + m + "\"").orElse("")
                        + " (machine detection " + c.machineDetection() + ")",
                "  when a person answers and no agent is reached: " + p.identificationMessage().map(m -> "say \"" + m + "\"")
                        .orElse("hang up (no identification message; --identify-as SELLER sets one)"));
    }
}
