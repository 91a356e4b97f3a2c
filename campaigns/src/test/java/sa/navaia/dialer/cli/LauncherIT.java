package sa.navaia.dialer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged CLI as an operator would: a real process, a real environment, a fresh folder. */
class LauncherIT {

    @TempDir
    Path workDir;

    record Run(int exitCode, String out, String err) {
    }

    /** The migration files in {@code sql/}: how many, and the newest version as Flyway prints it (V9_2 is 9.2). */
    record Migrations(long count, String latest) {
        static Migrations inSource() throws java.io.IOException {
            try (var files = java.nio.file.Files.list(Path.of("../sql/src/main/resources/db/migration"))) {
                List<List<Integer>> versions = files.map(f -> f.getFileName().toString())
                        .filter(name -> name.matches("V[0-9_]+__.*\\.sql"))
                        .map(name -> java.util.Arrays.stream(name.substring(1, name.indexOf("__")).split("_"))
                                .map(Integer::valueOf).toList())
                        .toList();
                List<Integer> newest = versions.stream().max((a, b) -> {
                    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                        int order = Integer.compare(a.get(i), b.get(i));
                        if (order != 0) {
                            return order;
                        }
                    }
                    return Integer.compare(a.size(), b.size());
                }).orElseThrow();
                return new Migrations(versions.size(), newest.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(".")));
            }
        }
    }

    @Test
    void migrateCreatesTheEmbeddedDatabaseAndASecondRunChangesNothing() throws Exception {
        Run first = dialer(Map.of(), "migrate");
        Run second = dialer(Map.of(), "migrate");

        Migrations migrations = Migrations.inSource();
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Applied " + migrations.count() + " migrations; the database is now at schema version "
                + migrations.latest() + ".");
        assertThat(workDir.resolve("data/dialer.mv.db")).exists();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("The database is up to date at schema version " + migrations.latest() + "; nothing to apply.");
    }

    @Test
    void aBadSettingStopsStartUpWithASentenceNamingTheVariable() throws Exception {
        Run run = dialer(Map.of("TWILIO_PHONE_NUMBER", "938-336-2295"), "status");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("TWILIO_PHONE_NUMBER must be E.164, like +19383362295; got \"938-336-2295\".");
    }

    @Test
    void statusSaysSandboxModeAndTheSchemaVersion() throws Exception {
        dialer(Map.of(), "migrate");

        Run run = dialer(Map.of(), "status");

        Migrations migrations = Migrations.inSource();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("SANDBOX MODE").contains("Schema version: " + migrations.latest() + " (up to date)");
    }

    @Test
    void aReportOfACampaignThatDoesNotExistSaysSo() throws Exception {
        dialer(Map.of(), "migrate");

        Run run = dialer(Map.of(), "report", "--campaign", "nope", "--format", "csv");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("No campaign named or numbered \"nope\"");
    }

    @Test
    void helpListsTheSubcommands() throws Exception {
        Run run = dialer(Map.of(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("migrate").contains("status").contains("version");
    }

    private Run dialer(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return run(workDir, environment, args);
    }

    /** Runs the packaged CLI in {@code workDir} with only the given dialer variables set. */
    static Run run(Path workDir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", packagedJar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("DIALER_") || name.startsWith("TWILIO_")
                || name.startsWith("ELEVENLABS_") || name.equals("API_URL"));
        builder.environment().putAll(environment);
        Path out = workDir.resolve("out.txt");
        Path err = workDir.resolve("err.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("dialer " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static Path packagedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("dialer-campaigns-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("tests"))
                    .findFirst().orElseThrow(() -> new AssertionError("run mvn package first")).toAbsolutePath();
        }
    }
}
