package sa.navaia.dialer.importing;

import java.util.Locale;

/** The life of an import; {@link #code()} is what {@code imports.status} stores. */
public enum ImportStatus {
    /** Started; its job has not finished (or its process died: restart it). */
    RUNNING,
    /** Every row was read: imported, suppressed or rejected with a reason. */
    COMPLETED,
    /** The job failed part-way; importing the same file again resumes it. */
    FAILED,
    /** Nothing could be read (no phone column, binary, empty): nothing was imported. */
    REFUSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImportStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
