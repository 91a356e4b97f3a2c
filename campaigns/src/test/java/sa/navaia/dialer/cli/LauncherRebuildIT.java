package sa.navaia.dialer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ops/dialer} in a scratch git checkout that holds the launcher, a few tracked sources and this build's jars, with
 * a stand-in {@code mvn} first on the PATH that logs each build: the launcher builds only when tracked sources change,
 * never twice at once, and says why.
 */
class LauncherRebuildIT {

    @TempDir
    Path scratch;

    private Path checkout;
    private Path tools;
    private Path mavenLog;
    private final List<Path> links = new java.util.ArrayList<>();

    record Launch(int exitCode, String out, String err, Duration took) {
    }

    @BeforeEach
    void scratchCheckout() throws Exception {
        checkout = scratch.resolve("checkout");
        Files.createDirectories(checkout.resolve("ops"));
        Files.copy(Path.of("../ops/dialer"), checkout.resolve("ops/dialer"));
        write("pom.xml", "<project/>\n");
        write("campaigns/src/main/java/Dial.java", "class Dial {}\n");
        write("ops/demo/contacts.csv", "phone\n+14155550100\n");
        write("README.md", "readme\n");
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "sources");
        // The jars Maven built for this test run, linked in after the sources so they are newer, as after 'mvn package'.
        Path builtWorker = LauncherIT.packagedJar();
        Path builtReceiver = ReceiverJar.find();
        link("campaigns/target/" + builtWorker.getFileName(), builtWorker);
        link("campaigns/target/lib", builtWorker.resolveSibling("lib"));
        link("webhook-receiver/target/" + builtReceiver.getFileName(), builtReceiver);
        link("webhook-receiver/target/lib", builtReceiver.resolveSibling("lib"));

        tools = Files.createDirectories(scratch.resolve("tools"));
        mavenLog = tools.resolve("mvn.log");
        Path mvn = tools.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho \"start $(date +%s%N)\" >>'" + mavenLog + "'\nsleep 1\necho \"end $(date +%s%N)\" >>'"
                + mavenLog + "'\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void unlinkTheJars() throws IOException {
        for (Path link : links) {
            Files.deleteIfExists(link);
        }
    }

    @Test
    void versionAfterADemoStartsWithoutMaven() throws Exception {
        Launch adopting = launch("version");
        // What a demo leaves in the checkout: the database, reports, logs, a rejects report beside the list.
        write("data/demo/dialer.mv.db", "db");
        write("data/demo/reports/demo-1.html", "<html></html>");
        write("data/demo/receiver.log", "log");
        write("ops/demo/contacts.csv.rejects.csv", "line,reason\n");
        Files.setLastModifiedTime(checkout.resolve("ops/demo/contacts.csv"), java.nio.file.attribute.FileTime.from(Instant.now()));

        Launch version = launch("version");

        assertThat(adopting.exitCode()).as(adopting.err()).isZero();
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).containsPattern("dialer \\S+, commit \\S+ \\(Java ");
        assertThat(version.err()).doesNotContain("Building");
        assertThat(mavenLog).as("Maven was run").doesNotExist();
        assertThat(version.took()).as("ops/dialer version took %s", version.took()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aChangedTrackedSourceIsBuiltOnceForTwoLaunchesThatSayWhy() throws Exception {
        launch("version");
        write("campaigns/src/main/java/Dial.java", "class Dial { int calls; }\n");

        Process first = start("version", "first");
        Process second = start("version", "second");
        assertThat(first.waitFor(120, TimeUnit.SECONDS) && second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String errors = Files.readString(tools.resolve("first.err")) + Files.readString(tools.resolve("second.err"));
        List<String> builds = Files.readAllLines(mavenLog);
        Launch afterwards = launch("version");

        assertThat(first.exitValue()).as(errors).isZero();
        assertThat(second.exitValue()).as(errors).isZero();
        assertThat(builds).as("one build, started and ended").hasSize(2);
        assertThat(builds.get(0)).startsWith("start");
        assertThat(builds.get(1)).startsWith("end");
        assertThat(errors).contains("1 tracked source file(s) changed since the last build: campaigns/src/main/java/Dial.java");
        assertThat(afterwards.err()).doesNotContain("Building");
        assertThat(Files.readAllLines(mavenLog)).hasSize(2);
    }

    @Test
    void untrackedFilesAndTrackedFilesOutsideTheBuildDoNotRebuild() throws Exception {
        launch("version");
        write("campaigns/src/main/java/Scratch.java", "class Scratch {}\n");
        write("README.md", "edited\n");

        Launch version = launch("version");

        assertThat(version.err()).doesNotContain("Building");
        assertThat(mavenLog).doesNotExist();
    }

    private Launch launch(String... args) throws IOException, InterruptedException {
        Instant started = Instant.now();
        Process process = start(args[0], "launch");
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ops/dialer did not finish in 120 s");
        }
        Duration took = Duration.between(started, Instant.now());
        return new Launch(process.exitValue(), Files.readString(tools.resolve("launch.out"), StandardCharsets.UTF_8),
                Files.readString(tools.resolve("launch.err"), StandardCharsets.UTF_8), took);
    }

    private Process start(String command, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", checkout.resolve("ops/dialer").toString(), command)
                .directory(checkout.toFile());
        builder.environment().put("PATH", tools + ":" + Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        builder.environment().put("TMPDIR", tools.toString());
        builder.redirectOutput(tools.resolve(name + ".out").toFile()).redirectError(tools.resolve(name + ".err").toFile());
        return builder.start();
    }

    private void write(String path, String content) throws IOException {
        Path file = checkout.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void link(String path, Path target) throws IOException {
        Path link = checkout.resolve(path);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target.toAbsolutePath());
        links.add(link);
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", checkout.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    /** The receiver's packaged jar beside this module. */
    private static final class ReceiverJar {
        static Path find() throws IOException {
            try (var files = Files.list(Path.of("../webhook-receiver/target"))) {
                return files.filter(p -> p.getFileName().toString().matches("dialer-webhook-receiver-.*\\.jar"))
                        .filter(p -> !p.getFileName().toString().endsWith("-tests.jar"))
                        .findFirst().orElseThrow(() -> new AssertionError("package the webhook receiver first")).toAbsolutePath();
            }
        }
    }
}
