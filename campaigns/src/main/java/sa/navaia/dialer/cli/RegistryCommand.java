package sa.navaia.dialer.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.zip.ZipInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sa.navaia.dialer.registry.NationalRegistry;

@Command(name = "registry", description = "Import the National Do Not Call Registry's data files (full or change lists) and show the snapshot in use.",
        subcommands = {RegistryCommand.Import.class, RegistryCommand.Status.class})
final class RegistryCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "import", description = "Import a registry file as the FTC distributes it: flat text, one number a line"
            + " (212,5551234), zipped or not. A full list replaces the registry; a change list adds and deletes.")
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;
        @Option(names = "--date", required = true, description = "The registry's date of the data (YYYY-MM-DD), as on the FTC's download.")
        String date;
        @Option(names = "--kind", defaultValue = "full", description = "full or change (default: ${DEFAULT-VALUE}).")
        String kind;
        @Option(names = "--by", description = "Who imports it (default: your user name).")
        String by;

        @Override
        public Integer call() {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("FILE " + file + " cannot be read; give the path of the registry's flat text file (or its .zip).");
            }
            LocalDate snapshot;
            try {
                snapshot = LocalDate.parse(date.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--date must be the registry's date as YYYY-MM-DD, like 2026-11-20; got \"" + date + "\".");
            }
            if (!kind.equals("full") && !kind.equals("change")) {
                throw new IllegalArgumentException("--kind must be full or change; got \"" + kind + "\".");
            }
            String who = DncCommand.operator(by);
            NationalRegistry.Imported imported = PostCallCommand.withDatabase(dataSource -> {
                NationalRegistry registry = new NationalRegistry(dataSource, Clock.systemUTC());
                try (BufferedReader reader = open(file)) {
                    NationalRegistry.Imported done = kind.equals("full")
                            ? registry.importFull(reader, file.getFileName().toString(), snapshot, who, RegistryCommand::progress)
                            : registry.importChanges(reader, file.getFileName().toString(), snapshot, who, RegistryCommand::progress);
                    CliAudit.record(dataSource, "registry.import", kind + " list of " + snapshot, file.getFileName() + ": "
                            + done.added() + " added, " + done.removed() + " removed, " + done.rejected() + " rejected");
                    return done;
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
                }
            });
            imported.firstRejects().forEach(reject -> System.err.println("Rejected " + reject));
            System.out.println("Imported the " + kind + " list of " + snapshot + ": " + imported.lines() + " line(s), "
                    + imported.added() + " number(s) added, " + imported.removed() + " removed, " + imported.rejected() + " rejected.");
            return imported.rejected() == 0 ? 0 : 1;
        }
    }

    @Command(name = "status", description = "The registry snapshot in use, its age, and how many numbers it holds.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            String text = PostCallCommand.withDatabase(dataSource -> {
                NationalRegistry registry = new NationalRegistry(dataSource, Clock.systemUTC());
                return registry.latest().map(s -> {
                    long age = java.time.temporal.ChronoUnit.DAYS.between(s.date(), LocalDate.now(Clock.systemUTC()));
                    return "Registry snapshot of " + s.date() + " (" + age + " day(s) old" + (age > 31
                            ? "; older than 31 days: US numbers are skipped as registry_stale" : "") + "), "
                            + registry.size() + " number(s).";
                }).orElse("No registry was ever imported: with DIALER_NATIONAL_REGISTRY=required, US numbers are skipped as registry_stale.");
            });
            System.out.println(text);
            return 0;
        }
    }

    static void progress(long lines) {
        System.err.println("… " + lines + " lines read");
    }

    /** The file, or the first entry of a .zip (the FTC's downloads are zipped). */
    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            ZipInputStream zip = new ZipInputStream(in);
            if (zip.getNextEntry() == null) {
                zip.close();
                throw new IllegalArgumentException(file + " is an empty zip; expected the registry's text file inside.");
            }
            in = zip;
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
    }
}
