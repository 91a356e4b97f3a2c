package sa.navaia.dialer.config;

import java.util.List;

/** Start-up stops with this: one sentence per setting that is missing or malformed. */
public final class InvalidSettingsException extends RuntimeException {

    private final List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
