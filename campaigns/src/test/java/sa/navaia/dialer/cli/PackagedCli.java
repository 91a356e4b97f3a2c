package sa.navaia.dialer.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the packaged CLI ({@code target/dialer-campaigns-*.jar}) as a child process, as an operator would. */
public final class PackagedCli {

    private PackagedCli() {
    }

    /** Output goes to {@code <name>.out} and {@code <name>.err} in {@code workDir}. */
    public static Process start(Path workDir, Map<String, String> environment, List<String> jvmOptions, String name,
                                String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", LauncherIT.packagedJar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("DIALER_") || key.startsWith("TWILIO_")
                || key.startsWith("ELEVENLABS_") || key.equals("API_URL"));
        builder.environment().putAll(environment);
        builder.redirectOutput(workDir.resolve(name + ".out").toFile()).redirectError(workDir.resolve(name + ".err").toFile());
        return builder.start();
    }
}
