package sa.navaia.dialer.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as an operator gets it: unpacked into an empty folder, far from any checkout, with a JRE on the
 * PATH and a Maven that fails if anything runs it; {@code bin/dialer migrate}, {@code demo} and {@code version} work.
 */
class ReleaseArchiveIT {

    @TempDir
    Path empty;

    record Run(int exitCode, String out, String err) {
    }

    @Test
    void migrateDemoAndVersionRunFromTheUnpackedArchiveWithOnlyAJre() throws Exception {
        Path archive = archive();
        assertThat(new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", empty.toString()).inheritIO().start().waitFor())
                .isZero();
        Path home;
        try (Stream<Path> unpacked = Files.list(empty)) {
            home = unpacked.collect(java.util.stream.Collectors.toList()).stream().findFirst().orElseThrow();
        }
        Path tools = Files.createDirectories(empty.resolve("tools"));
        Path mvn = tools.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho 'Maven was run' >&2\nexit 97\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path workDir = Files.createDirectories(empty.resolve("work"));
        long migrations;
        try (Stream<Path> files = Files.list(home.resolve("migrations"))) {
            migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+(_\\d+)*__.*\\.sql")).count();
        }

        Run migrate = dialer(home, tools, workDir, "migrate");
        Run demo = dialer(home, tools, workDir, "demo");
        Run version = dialer(home, tools, workDir, "version");

        assertThat(home.getFileName().toString()).startsWith("dialer-");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("Applied " + migrations + " migrations");
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("receiver healthy at").contains("Compliance report:");
        try (Stream<Path> reports = Files.list(workDir.resolve("data/demo/reports"))) {
            assertThat(reports.map(p -> p.getFileName().toString())).anyMatch(name -> name.endsWith(".html"));
        }
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("dialer " + home.getFileName().toString().substring("dialer-".length()) + ", commit ");
        assertThat(migrate.err() + demo.err() + version.err()).doesNotContain("Maven was run").doesNotContain("Building");
    }

    private static Path archive() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("dialer-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("run mvn package first: no target/dialer-*.tar.gz"));
        }
    }

    private static Run dialer(Path home, Path tools, Path workDir, String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/dialer").toString(), command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("DIALER_") || name.startsWith("TWILIO_")
                || name.startsWith("ELEVENLABS_") || name.equals("API_URL") || name.startsWith("MAVEN"));
        builder.environment().put("PATH", tools + ":" + Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        Path out = workDir.resolve(command + ".out");
        Path err = workDir.resolve(command + ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/dialer " + command + " did not finish in 300 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
