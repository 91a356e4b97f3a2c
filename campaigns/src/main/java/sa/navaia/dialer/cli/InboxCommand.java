package sa.navaia.dialer.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sa.navaia.dialer.inbox.InboxArchive;

@Command(name = "inbox", description = "Keep the webhook inbox small: move old applied payloads to its archive table.",
        subcommands = {InboxCommand.Archive.class})
final class InboxCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "archive", description = {"Move applied webhook payloads received more than --days ago from webhook_inbox"
            + " to webhook_inbox_archive (same columns and ids, 1000 per transaction). Pending, failed and unmatched payloads"
            + " stay. Erasure and the retention purge reach the archive too. Safe to run again, or daily from cron."})
    static final class Archive implements Callable<Integer> {

        @Spec
        CommandSpec spec;
        @Option(names = "--days", defaultValue = "90", description = "Archive payloads older than this many days, at least "
                + "7 (default: ${DEFAULT-VALUE}).")
        int days;

        @Override
        public Integer call() {
            if (days < InboxArchive.MIN_AGE.toDays()) {
                throw new ParameterException(spec.commandLine(), "--days must be at least " + InboxArchive.MIN_AGE.toDays()
                        + " (a late delivery of a webhook must still find it in the inbox); got " + days + ".");
            }
            InboxArchive.Archived archived = PostCallCommand.withDatabase(dataSource ->
                    new InboxArchive(dataSource, Clock.systemUTC()).archive(Duration.ofDays(days)));
            System.out.println("Archived " + archived.payloads() + " applied payload(s) received before "
                    + archived.receivedBefore() + " to webhook_inbox_archive.");
            return 0;
        }
    }
}
