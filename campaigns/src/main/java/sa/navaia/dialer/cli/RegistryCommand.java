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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.zip.ZipInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sa.navaia.dialer.eligibility.RegistryStatus;
import sa.navaia.dialer.registry.NationalRegistry;
import sa.navaia.dialer.registry.RegistryFile;

@Command(name = "registry", description = "Import the National Do Not Call Registry's data files (full or change lists, one"
        + " file per area code or state as the FTC distributes them) and show each area code's date.",
        subcommands = {RegistryCommand.Import.class, RegistryCommand.Status.class})
final class RegistryCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "import", description = "Import a registry file as the FTC distributes it: flat text, zipped or not."
            + " A full list (one number a line: 212,5551234 or 2125551234) replaces the area codes it holds and no other;"
            + " a change list (212,5551234,...,A or D) adds and deletes in area codes already imported. A file with an"
            + " unreadable line is not imported at all.")
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
            NationalRegistry.Imported imported;
            try {
                imported = PostCallCommand.withDatabase(dataSource -> {
                    NationalRegistry registry = new NationalRegistry(dataSource, Clock.systemUTC());
                    try (BufferedReader reader = open(file)) {
                        NationalRegistry.Imported done = kind.equals("full")
                                ? registry.importFull(reader, file.getFileName().toString(), snapshot, who, RegistryCommand::progress)
                                : registry.importChanges(reader, file.getFileName().toString(), snapshot, who, RegistryCommand::progress);
                        CliAudit.record(dataSource, "registry.import", kind + " list of " + snapshot, file.getFileName() + ": "
                                + done.added() + " added, " + done.removed() + " removed, area code(s) " + areaCodes(done));
                        return done;
                    } catch (IOException e) {
                        throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
                    }
                });
            } catch (RegistryFile.Unreadable unreadable) {
                System.err.println(file.getFileName() + ": " + unreadable.getMessage());
                return 1;
            }
            System.out.println("Imported the " + kind + " list of " + snapshot + ": " + imported.lines() + " line(s), "
                    + imported.added() + " number(s) added, " + imported.removed() + " removed; area code(s) "
                    + areaCodes(imported) + " now as of " + snapshot + ".");
            return 0;
        }

        private static String areaCodes(NationalRegistry.Imported imported) {
            return imported.areaCodes().isEmpty() ? "none"
                    : imported.areaCodes().stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
    }

    @Command(name = "status", description = "Each imported area code's registry date, its age and how many numbers it holds;"
            + " an area code older than 31 days is marked stale.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            String text = PostCallCommand.withDatabase(dataSource -> {
                NationalRegistry registry = new NationalRegistry(dataSource, Clock.systemUTC());
                LocalDate today = LocalDate.now(Clock.systemUTC());
                Map<Integer, NationalRegistry.AreaCode> areaCodes = registry.areaCodes();
                if (areaCodes.isEmpty()) {
                    return "No registry area code was ever imported: with DIALER_NATIONAL_REGISTRY=required, US numbers are"
                            + " skipped as registry_stale.";
                }
                StringBuilder out = new StringBuilder();
                List<Integer> stale = new ArrayList<>();
                areaCodes.values().stream().sorted(Comparator.comparing(NationalRegistry.AreaCode::areaCode)).forEach(a -> {
                    long age = ChronoUnit.DAYS.between(a.date(), today);
                    if (age > RegistryStatus.FRESH_DAYS) {
                        stale.add(a.areaCode());
                    }
                    out.append(String.format("%03d  %s  %4d day(s)  %,d number(s)%s%n", a.areaCode(), a.date(), age, a.numbers(),
                            age > RegistryStatus.FRESH_DAYS ? "  STALE" : ""));
                });
                NationalRegistry.AreaCode oldest = registry.oldest().orElseThrow();
                out.append(areaCodes.size()).append(" area code(s), ").append(String.format("%,d", registry.size()))
                        .append(" number(s); oldest: area code ").append(oldest.areaCode()).append(" as of ").append(oldest.date())
                        .append(". ").append(stale.isEmpty() ? "None is older than 31 days."
                                : "Older than 31 days (their US numbers are skipped as registry_stale): "
                                + stale.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ".")
                        .append(" Area codes never imported are skipped as registry_stale too.");
                return out.toString();
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
