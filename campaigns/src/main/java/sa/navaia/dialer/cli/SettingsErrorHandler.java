package sa.navaia.dialer.cli;

import picocli.CommandLine;
import sa.navaia.dialer.config.InvalidSettingsException;

/** Bad settings and bad input end a command with their sentences, not a stack trace. */
final class SettingsErrorHandler implements CommandLine.IExecutionExceptionHandler {

    static final int BAD_SETTINGS = 2;
    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        var err = commandLine.getErr();
        if (e instanceof InvalidSettingsException invalid) {
            err.println("The dialer cannot start: fix these settings (environment or .env):");
            invalid.problems().forEach(problem -> err.println("  - " + problem));
            return BAD_SETTINGS;
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            err.println(e.getMessage());
            return FAILED;
        }
        throw new RuntimeException(e);
    }
}
