package sa.navaia.dialer.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sa.navaia.dialer.consent.Consent;
import sa.navaia.dialer.consent.ConsentRepository;
import sa.navaia.dialer.phone.PhoneNumbers;

@Command(name = "consent", description = "Record a number's consent with its provenance, revoke it (at once), or show its history.",
        subcommands = {ConsentCommand.Record.class, ConsentCommand.Revoke.class, ConsentCommand.Show.class})
final class ConsentCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "record", description = "Record a consent: basis, source, time, text version, capture method.")
    static final class Record implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        DncCommand.ListOptions number;
        @Parameters(index = "0", paramLabel = "NUMBER")
        String phone;
        @Option(names = "--basis", required = true, description = "express_written, express or ebr (established business relationship).")
        String basis;
        @Option(names = "--source", required = true, description = "Where it was given, e.g. \"web form acme.com/signup\".")
        String source;
        @Option(names = "--captured-at", required = true, description = "When, ISO-8601, e.g. 2026-11-20T14:03:00Z.")
        String capturedAt;
        @Option(names = "--text-version", required = true, description = "The disclosure's text or its version, e.g. tcpa-2026-03.")
        String textVersion;
        @Option(names = "--method", required = true, description = "How it was captured: web_form, paper, call_recording, email...")
        String method;
        @Option(names = "--customer-id", description = "The person's customer id.")
        String customerId;
        @Option(names = "--by", description = "Who records it (default: your user name).")
        String by;

        @Override
        public Integer call() {
            String e164 = number.number(phone);
            Instant at;
            try {
                at = Instant.parse(capturedAt.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--captured-at must be an ISO-8601 instant like 2026-11-20T14:03:00Z; got \"" + capturedAt + "\".");
            }
            ConsentRepository.NewConsent consent = new ConsentRepository.NewConsent(e164, customerId, Consent.Basis.of(basis),
                    source, at, textVersion, method, DncCommand.operator(by));
            PostCallCommand.withDatabase(dataSource -> {
                new ConsentRepository(dataSource, Clock.systemUTC()).record(consent);
                CliAudit.record(dataSource, "consent.record", "number " + PhoneNumbers.mask(e164),
                        consent.basis().code() + " (" + source.strip() + ", " + at + ")");
                return null;
            });
            System.out.println("Recorded " + consent.basis().code() + " consent for " + e164 + " (" + source.strip() + ", " + at + ").");
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a number's consent at once: it also goes on the system do-not-call list.")
    static final class Revoke implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        DncCommand.ListOptions number;
        @Parameters(index = "0", paramLabel = "NUMBER")
        String phone;
        @Option(names = "--source", required = true, description = "How the person revoked it, e.g. \"phone call 2026-11-24\", email, \"sms STOP\".")
        String source;
        @Option(names = "--by", description = "Who records it (default: your user name).")
        String by;

        @Override
        public Integer call() {
            String e164 = number.number(phone);
            String who = DncCommand.operator(by);
            int revoked = PostCallCommand.withDatabase(dataSource -> {
                int count = new ConsentRepository(dataSource, Clock.systemUTC()).revoke(e164, source, who);
                CliAudit.record(dataSource, "consent.revoke", "number " + PhoneNumbers.mask(e164), count + " consent(s), " + source);
                return count;
            });
            System.out.println("Revoked " + revoked + " consent(s) of " + e164 + "; the number is on the system do-not-call list.");
            return 0;
        }
    }

    @Command(name = "show", description = "A number's consents, revoked ones included.")
    static final class Show implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        DncCommand.ListOptions number;
        @Parameters(index = "0", paramLabel = "NUMBER")
        String phone;

        @Override
        public Integer call() {
            String e164 = number.number(phone);
            List<String> lines = PostCallCommand.withDatabase(dataSource -> {
                List<String> out = new ArrayList<>();
                for (Consent c : new ConsentRepository(dataSource, Clock.systemUTC()).history(e164)) {
                    out.add(String.join("  ", c.basis().code(), c.capturedAt().toString(), c.source(), "text " + c.textVersion(),
                            c.captureMethod(), "recorded by " + c.recordedBy(), c.revokedAt()
                                    .map(at -> "REVOKED " + at + " (" + c.revocationSource().orElse("") + ")").orElse("active")));
                }
                if (out.isEmpty()) {
                    out.add("No consent is on record for " + e164 + ".");
                }
                return out;
            });
            lines.forEach(System.out::println);
            return 0;
        }
    }
}
