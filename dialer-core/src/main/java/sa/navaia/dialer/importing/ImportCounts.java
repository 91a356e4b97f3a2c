package sa.navaia.dialer.importing;

/**
 * What an import did with the rows it read: {@code imported} (dialable), {@code suppressed} (stored but
 * on a do-not-call list), {@code duplicates} (in the file or the campaign already) and {@code rejected}
 * (every other reason). The four add up to {@code rowsRead}.
 */
public record ImportCounts(long rowsRead, long imported, long rejected, long suppressed, long duplicates) {

    public static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0, 0);
}
