package sa.navaia.dialer.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "version", description = "Print the dialer's version and the commit it was built from.")
final class VersionCommand implements Callable<Integer>, CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = DialerCli.class.getPackage().getImplementationVersion();
        return new String[] {"dialer " + (version == null ? "development build" : version)
                + ", commit " + buildCommit().orElse("unknown") + " (Java " + Runtime.version() + ")"};
    }

    @Override
    public Integer call() {
        System.out.println(getVersion()[0]);
        return 0;
    }

    /** The {@code Build-Commit} the build wrote into this jar's manifest; empty when run from classes or built outside git. */
    static Optional<String> buildCommit() {
        try {
            Path location = Path.of(DialerCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                return Optional.empty();
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return Optional.ofNullable(jar.getManifest())
                        .map(manifest -> manifest.getMainAttributes().getValue("Build-Commit"))
                        .filter(commit -> !commit.isBlank() && !commit.startsWith("${"));
            }
        } catch (IOException | URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
