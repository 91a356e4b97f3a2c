package sa.navaia.dialer.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.dnc.DoNotCallEntry;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.DoNotCallScope;
import sa.navaia.dialer.phone.ParseResult;
import sa.navaia.dialer.phone.PhoneNumbers;

@Command(name = "dnc", description = "Manage the do-not-call lists: the system list (every campaign) and each campaign's own.",
        subcommands = {DncCommand.Add.class, DncCommand.Remove.class, DncCommand.ListEntries.class, DncCommand.Search.class,
                DncCommand.Import.class})
final class DncCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The list options every subcommand shares: the system list unless a campaign is named. */
    static class ListOptions {
        @Option(names = "--campaign", description = "The campaign's own list (name or id); without it, the system list.")
        String campaign;
        @Option(names = "--region", defaultValue = "US", description = "Region of numbers written without + (default: ${DEFAULT-VALUE}).")
        String region;

        DoNotCallScope scope(HikariDataSource dataSource) {
            if (campaign == null) {
                return DoNotCallScope.SYSTEM;
            }
            return DoNotCallScope.campaign(CampaignCommand.find(new CampaignRepository(dataSource, Clock.systemUTC()), campaign).id());
        }

        String number(String raw) {
            ParseResult parsed = new PhoneNumbers().parse(raw, region.strip().toUpperCase(Locale.ROOT), Set.of());
            if (parsed instanceof ParseResult.Invalid invalid) {
                throw new IllegalArgumentException("The number: " + invalid.message());
            }
            return ((ParseResult.Valid) parsed).number().e164();
        }
    }

    static String operator(String by) {
        String who = by != null ? by : System.getProperty("user.name", "");
        if (who.isBlank()) {
            throw new IllegalArgumentException("Say who makes the change with --by NAME; it is kept with the entry.");
        }
        return who.strip();
    }

    static String describe(DoNotCallScope scope) {
        return scope.isSystem() ? "the system do-not-call list" : "campaign " + scope.campaignId().orElseThrow() + "'s do-not-call list";
    }

    static String line(DoNotCallEntry e) {
        return String.join("  ", e.phoneE164(), e.scope().code(), e.addedAt().toString(), e.source(),
                "by " + e.addedBy().orElse("?"), e.reason().map(r -> "\"" + r + "\"").orElse("(no reason given)"),
                e.sessionId().map(s -> "call " + s).orElse("")).strip();
    }

    @Command(name = "add", description = "Put a number on a list, with the reason and who asked.")
    static final class Add implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        ListOptions list;
        @Parameters(index = "0", paramLabel = "NUMBER", description = "The number, E.164 (+19385550001) or national.")
        String phone;
        @Option(names = "--reason", required = true, description = "Why, e.g. \"asked by letter of 2026-11-20\".")
        String reason;
        @Option(names = "--by", description = "Who makes the change (default: your user name).")
        String by;
        @Option(names = "--source", defaultValue = "manual", description = "Where the request came from: manual, letter, email, api... (default: ${DEFAULT-VALUE}).")
        String source;

        @Override
        public Integer call() {
            String number = list.number(phone);
            String who = operator(by);
            String said = PostCallCommand.withDatabase(dataSource -> {
                DoNotCallScope scope = list.scope(dataSource);
                boolean added = new DoNotCallRepository(dataSource, Clock.systemUTC())
                        .add(number, scope, source.strip(), reason.strip(), null, who);
                if (added) {
                    CliAudit.record(dataSource, "dnc.add", "number " + PhoneNumbers.mask(number),
                            scope.code() + ": " + reason.strip() + " (by " + who + ")");
                }
                return added ? number + " is now on " + describe(scope) + " (" + source.strip() + ", by " + who + ")."
                        : number + " was on " + describe(scope) + " already; the first entry is kept.";
            });
            System.out.println(said);
            return 0;
        }
    }

    @Command(name = "remove", description = "Take a number off a list; the entry is kept in the list's history with who removed it and why.")
    static final class Remove implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        ListOptions list;
        @Parameters(index = "0", paramLabel = "NUMBER")
        String phone;
        @Option(names = "--reason", required = true, description = "Why it may be called again, e.g. \"consent given in writing on 2026-11-20\".")
        String reason;
        @Option(names = "--by", description = "Who makes the change (default: your user name).")
        String by;

        @Override
        public Integer call() {
            String number = list.number(phone);
            String who = operator(by);
            boolean removed = PostCallCommand.withDatabase(dataSource -> {
                DoNotCallScope scope = list.scope(dataSource);
                boolean taken = new DoNotCallRepository(dataSource, Clock.systemUTC()).remove(number, scope, who, reason.strip());
                if (taken) {
                    CliAudit.record(dataSource, "dnc.remove", "number " + PhoneNumbers.mask(number),
                            scope.code() + ": " + reason.strip() + " (by " + who + ")");
                }
                return taken;
            });
            if (!removed) {
                System.err.println(number + " is not on that list; 'ops/dialer dnc search " + number + "' shows the lists it is on.");
                return 1;
            }
            System.out.println(number + " is off that list; the entry is kept in its history (removed by " + who + ").");
            return 0;
        }
    }

    @Command(name = "list", description = "List a do-not-call list, oldest first.")
    static final class ListEntries implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        ListOptions list;
        @Option(names = "--limit", defaultValue = "100", description = "At most this many entries (default: ${DEFAULT-VALUE}).")
        int limit;
        @Option(names = "--offset", defaultValue = "0", description = "Skip this many first (default: ${DEFAULT-VALUE}).")
        int offset;

        @Override
        public Integer call() {
            List<String> lines = PostCallCommand.withDatabase(dataSource -> {
                DoNotCallScope scope = list.scope(dataSource);
                DoNotCallRepository dnc = new DoNotCallRepository(dataSource, Clock.systemUTC());
                List<String> out = new ArrayList<>();
                out.add(describe(scope) + ": " + dnc.count(scope) + " number(s)");
                dnc.entries(scope, offset, limit).forEach(e -> out.add("  " + line(e)));
                return out;
            });
            lines.forEach(System.out::println);
            return 0;
        }
    }

    @Command(name = "search", description = "Find a number on every list by some of its digits; shows entries taken off too.")
    static final class Search implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIGITS", description = "All or part of the number: +19385550001, 938555, 0001.")
        String digits;
        @Option(names = "--limit", defaultValue = "100", description = "At most this many entries (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            List<String> lines = PostCallCommand.withDatabase(dataSource -> {
                DoNotCallRepository dnc = new DoNotCallRepository(dataSource, Clock.systemUTC());
                List<DoNotCallEntry> found = dnc.search(digits, limit);
                List<String> out = new ArrayList<>();
                out.add("On a list: " + found.size());
                found.forEach(e -> out.add("  " + line(e)));
                dnc.searchRemovals(digits, limit)
                        .forEach(r -> out.add("  taken off " + r.removedAt() + " by " + r.removedBy() + " (\"" + r.reason()
                                + "\"): " + line(r.entry())));
                return out;
            });
            lines.forEach(System.out::println);
            return 0;
        }
    }

    @Command(name = "import", description = "Put every number of a file on a list: one number per line, or a CSV whose first column is the number.")
    static final class Import implements Callable<Integer> {
        private static final int CHUNK = 1000;

        @picocli.CommandLine.Mixin
        ListOptions list;
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;
        @Option(names = "--reason", required = true, description = "Why, e.g. \"suppression list from the client, 2026-11\".")
        String reason;
        @Option(names = "--by", description = "Who makes the change (default: your user name).")
        String by;
        @Option(names = "--source", defaultValue = "import", description = "Where the list came from (default: ${DEFAULT-VALUE}).")
        String source;

        @Override
        public Integer call() {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("FILE " + file + " cannot be read; give the path of a text or CSV file of numbers.");
            }
            String who = operator(by);
            long[] counts = PostCallCommand.withDatabase(dataSource -> {
                DoNotCallScope scope = list.scope(dataSource);
                DoNotCallRepository dnc = new DoNotCallRepository(dataSource, Clock.systemUTC());
                long read = 0;
                long added = 0;
                long rejected = 0;
                List<String> chunk = new ArrayList<>(CHUNK);
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String text;
                    long lineNumber = 0;
                    while ((text = reader.readLine()) != null) {
                        lineNumber++;
                        String cell = text.replace("\uFEFF", "").split("[,;\t]", 2)[0].replace("\"", "").strip();
                        if (cell.isEmpty() || (lineNumber == 1 && cell.chars().anyMatch(Character::isLetter))) {
                            continue;
                        }
                        read++;
                        try {
                            chunk.add(list.number(cell));
                        } catch (IllegalArgumentException bad) {
                            rejected++;
                            System.err.println("Line " + lineNumber + " rejected: " + bad.getMessage());
                        }
                        if (chunk.size() == CHUNK) {
                            added += dnc.addAll(chunk, scope, source.strip(), reason.strip(), who);
                            chunk.clear();
                            System.err.println("… " + read + " numbers read, " + added + " added");
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
                }
                added += dnc.addAll(chunk, scope, source.strip(), reason.strip(), who);
                CliAudit.record(dataSource, "dnc.import", scope.code() + " list", file.getFileName() + ": " + added
                        + " added, " + rejected + " refused (by " + who + ")");
                return new long[] {read, added, rejected};
            });
            System.out.println("Read " + counts[0] + " number(s): " + counts[1] + " added, "
                    + (counts[0] - counts[1] - counts[2]) + " on the list already, " + counts[2] + " rejected.");
            return counts[2] == 0 ? 0 : 1;
        }
    }
}
