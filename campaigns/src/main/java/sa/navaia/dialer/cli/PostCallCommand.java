package sa.navaia.dialer.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.postcall.PostCallReview;

@Command(name = "postcall", description = "Check the post-call payloads matched weakly or not at all, and attach one to its session.",
        subcommands = {PostCallCommand.ListPayloads.class, PostCallCommand.Attach.class})
final class PostCallCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs {@code work} against the configured database, closing the pool after. */
    static <T> T withDatabase(Function<HikariDataSource, T> work) {
        DialerSettings settings = SettingsLoader.fromEnvironment();
        try (HikariDataSource dataSource = DataSources.create(settings.database(), "cli")) {
            return work.apply(dataSource);
        }
    }

    @Command(name = "list", description = "List the sessions matched by number and time only (weak) and the payloads that matched no session.")
    static final class ListPayloads implements Callable<Integer> {

        @Option(names = "--campaign", description = "Only this campaign's weak matches (name or id); unmatched payloads belong to no campaign.")
        String campaign;
        @Option(names = "--weak", description = "Only the weak matches.")
        boolean weak;
        @Option(names = "--unmatched", description = "Only the unmatched payloads.")
        boolean unmatched;

        @Override
        public Integer call() {
            boolean both = weak == unmatched;
            List<String> lines = withDatabase(dataSource -> {
                Clock clock = Clock.systemUTC();
                PostCallReview review = new PostCallReview(dataSource, clock);
                Optional<Campaign> only = Optional.ofNullable(campaign)
                        .map(c -> CampaignCommand.find(new CampaignRepository(dataSource, clock), c));
                List<String> out = new ArrayList<>();
                if (weak || both) {
                    List<PostCallReview.WeakMatch> matches = review.weakMatches(only.map(Campaign::id));
                    out.add("Matched by number and time only (weak: check them)" + only.map(c -> ", campaign " + c.name()).orElse("")
                            + ": " + matches.size());
                    matches.forEach(m -> out.add(String.format(Locale.ROOT, "  %s  %s  conversation %s  %s%s",
                            m.sessionId(), PhoneNumbers.mask(m.customerPhone()), m.conversationId(), m.createdAt(),
                            m.campaignId() == null ? "" : "  campaign " + m.campaignId())));
                }
                if (unmatched || both) {
                    List<PostCallReview.Unmatched> payloads = review.unmatched();
                    out.add("Matching no session: " + payloads.size()
                            + (payloads.isEmpty() ? "" : " (attach one with: ops/dialer postcall attach --payload ID --session vs_...)"));
                    payloads.forEach(p -> out.add(String.format(Locale.ROOT, "  #%d  %s  conversation %s  received %s  %s",
                            p.payloadId(), p.eventType(), p.conversationId(), p.receivedAt(),
                            p.lastError() == null ? "" : p.lastError())));
                }
                return out;
            });
            lines.forEach(System.out::println);
            return 0;
        }
    }

    @Command(name = "attach", description = "Attach an unmatched post-call payload to its session; the receiver applies it again within seconds, matched by operator.")
    static final class Attach implements Callable<Integer> {

        @Option(names = "--payload", required = true, description = "The payload's id (#N in 'postcall list').")
        long payload;
        @Option(names = "--session", required = true, description = "The session it belongs to (vs_...).")
        String session;

        @Override
        public Integer call() {
            PostCallReview.Attached attached = withDatabase(dataSource -> {
                PostCallReview.Attached done = new PostCallReview(dataSource, Clock.systemUTC()).attach(payload, session.strip());
                CliAudit.record(dataSource, "payload.attach", "payload " + payload, "to session " + session.strip());
                return done;
            });
            System.out.println("Payload #" + payload + " (" + attached.eventType() + ", conversation " + attached.conversationId()
                    + ") is attached to session " + session.strip() + (attached.payloadsRequeued() > 1
                    ? ", with " + (attached.payloadsRequeued() - 1) + " other payload(s) of that conversation" : "") + ".");
            System.out.println("The receiver's inbox poller applies it within seconds (or once the receiver starts), matched by operator.");
            return 0;
        }
    }
}
