package sa.navaia.dialer.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.erasure.Erasure;
import sa.navaia.dialer.erasure.JournalScrub;
import sa.navaia.dialer.phone.ParseResult;
import sa.navaia.dialer.phone.PhoneNumbers;

@Command(name = "erase", description = {"Erase a person's personal data on request: name, variables, transcripts, bookings,"
        + " tickets, stored payloads, and the webhooks in the receiver's journal folder. Kept as the law requires: the do-not-call entries and each call's compliance record"
        + " (number, time, rule, outcome). Written to the audit trail (erasure_log)."})
final class EraseCommand implements Callable<Integer> {

    static final class Who {
        @Option(names = "--phone", required = true, description = "The person's number, E.164 (+19385550001) or national.")
        String phone;
        @Option(names = "--customer-id", required = true, description = "The person's customer id, as in the lists.")
        String customerId;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;
    @Option(names = "--region", defaultValue = "US", description = "Region of a number written without + (default: ${DEFAULT-VALUE}).")
    String region;
    @Option(names = "--reason", required = true, description = "Why, e.g. \"erasure request by email of 2026-11-20\".")
    String reason;
    @Option(names = "--by", description = "Who makes the erasure (default: your user name).")
    String by;
    @Option(names = "--journal-dir", description = "A receiver's journal folder to erase in as well; repeat for each"
            + " receiver (default: DIALER_JOURNAL_DIR).")
    List<Path> journalDirs;

    @Override
    public Integer call() {
        String requestedBy = DncCommand.operator(by);
        Erasure.Subject subject;
        String key;
        if (who.phone != null) {
            ParseResult parsed = new PhoneNumbers().parse(who.phone, region.strip().toUpperCase(Locale.ROOT), Set.of());
            if (parsed instanceof ParseResult.Invalid invalid) {
                throw new IllegalArgumentException("--phone: " + invalid.message());
            }
            subject = Erasure.Subject.PHONE;
            key = ((ParseResult.Valid) parsed).number().e164();
        } else {
            subject = Erasure.Subject.CUSTOMER_ID;
            key = who.customerId.strip();
        }
        DialerSettings settings = SettingsLoader.fromEnvironment();
        try (HikariDataSource dataSource = DataSources.create(settings.database(), "cli")) {
            Erasure.Result result = new Erasure(dataSource, Clock.systemUTC()).erase(subject, key, requestedBy, reason);
            CliAudit.record(dataSource, "contact.erase", subject == Erasure.Subject.PHONE ? "number " + PhoneNumbers.mask(key)
                    : "customer " + key, result.describe() + " (requested by " + requestedBy + ": " + reason + ")");
            System.out.println("Erased " + (subject == Erasure.Subject.PHONE ? PhoneNumbers.mask(key) : "customer " + key)
                    + ": " + result.describe() + ".");
            for (Path dir : journalDirs == null ? List.of(settings.receiver().journalDir()) : journalDirs) {
                JournalScrub.Result scrubbed = new JournalScrub(Clock.systemUTC()).scrub(dir, result.phones(), result.sessions());
                System.out.println("Journal " + dir + ": " + scrubbed.describe() + ".");
            }
            System.out.println("Kept: do-not-call entries and the calls' compliance records; the erasure is in erasure_log.");
        }
        return 0;
    }
}
