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

@Command(name = "policy", description = "Show or change a campaign's compliance policy: opt-out scope, per-outcome retries, voicemail.")
final class CampaignPolicyCommand implements Callable<Integer> {

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

    @Override
    public Integer call() {
        try (HikariDataSource dataSource = DataSources.create(SettingsLoader.fromEnvironment().database(), "cli")) {
            Clock clock = Clock.systemUTC();
            Campaign c = CampaignCommand.find(new CampaignRepository(dataSource, clock), campaign);
            CampaignPolicyRepository policies = new CampaignPolicyRepository(dataSource, clock);
            CampaignPolicy current = policies.of(c.id());
            if (optOutScope != null || retries != null || voicemail != null || voicemailMessage != null) {
                CampaignPolicy changed = new CampaignPolicy(c.id(),
                        optOutScope == null ? current.optOutScope() : CampaignPolicy.OptOutScope.of(optOutScope),
                        retries == null ? current.retries() : OutcomeRetry.parseRules(retries),
                        voicemail == null ? current.voicemail() : CampaignPolicy.VoicemailPolicy.of(voicemail),
                        voicemailMessage == null ? current.voicemailMessage() : Optional.of(voicemailMessage));
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
                        + " (machine detection " + c.machineDetection() + ")");
    }
}
