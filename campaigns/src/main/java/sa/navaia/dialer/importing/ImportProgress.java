package sa.navaia.dialer.importing;

/**
 * How far the running import is, for progress bars: rows read, bytes read of the file's size. Written
 * by the reader's thread, read by whoever draws the bar; one import at a time per process.
 */
public final class ImportProgress {

    private volatile long rows;
    private volatile long bytes;
    private volatile long size;

    void start(long fileSize, long rowsAlreadyRead) {
        this.size = fileSize;
        this.rows = rowsAlreadyRead;
        this.bytes = 0;
    }

    void advance(long rowsRead, long bytesRead) {
        this.rows = rowsRead;
        this.bytes = bytesRead;
    }

    public long rows() {
        return rows;
    }

    public long bytes() {
        return bytes;
    }

    public long size() {
        return size;
    }
}
