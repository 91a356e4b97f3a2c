package sa.navaia.dialer.importing;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvMultilineLimitBrokenException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An open list, streamed: the byte-order mark skipped, UTF-8 decoded (malformed bytes become U+FFFD,
 * and the rows holding them are rejected as {@code INVALID_ENCODING}), the separator detected from the
 * header line, quoted fields parsed by RFC 4180 (doubled quotes, embedded separators and line breaks,
 * CRLF or LF). The header has been read when {@link #open} returns. Never holds more than one record.
 */
final class CsvSource implements Closeable {

    /** A quoted field may span this many lines; beyond that, its quote is taken as never closed. */
    static final int MULTILINE_LIMIT = 100;

    private final CountingInputStream bytes;
    private final BufferedReader text;
    private final char separator;
    private final String[] header;
    private final long size;
    private CSVReader reader;
    private long lineOffset;

    private CsvSource(CountingInputStream bytes, BufferedReader text, CSVReader reader, char separator, String[] header,
                      long size) {
        this.bytes = bytes;
        this.text = text;
        this.reader = reader;
        this.separator = separator;
        this.header = header;
        this.size = size;
    }

    private static CSVReader csvReader(BufferedReader text, char separator) {
        return new CSVReaderBuilder(text)
                .withCSVParser(new RFC4180ParserBuilder().withSeparator(separator).build())
                .withMultilineLimit(MULTILINE_LIMIT)
                .build();
    }

    /** Opens a list and reads its header; refuses (one sentence) a file that is empty, binary or has no header. */
    static CsvSource open(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw new ImportRefusedException("The file " + file.getFileName() + " is empty: nothing to import.");
        }
        byte[] head = new byte[(int) Math.min(size, CsvFormat.HEAD_BYTES)];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, head.length);
        }
        CsvFormat.notText(head, length).ifPresent(problem -> {
            throw new ImportRefusedException(problem);
        });
        int bom = CsvFormat.bomLength(head, length);
        String decodedHead = decoder().decode(ByteBuffer.wrap(head, bom, length - bom)).toString();
        String firstLine = CsvFormat.firstLine(decodedHead);
        if (firstLine.isBlank()) {
            throw new ImportRefusedException("The file " + file.getFileName()
                    + " has no header line: its first line must name the columns, e.g. phone,name,customer_id.");
        }
        if (firstLine.indexOf('\uFFFD') >= 0) {
            throw new ImportRefusedException("The header line is not UTF-8 text (\"" + firstLine
                    + "\"); save the list as CSV UTF-8 and import it again.");
        }
        char separator = CsvFormat.separator(firstLine);
        CountingInputStream bytes = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 64 * 1024));
        try {
            bytes.skipNBytes(bom);
            BufferedReader text = new BufferedReader(new InputStreamReader(bytes, decoder()), 64 * 1024);
            CSVReader reader = csvReader(text, separator);
            String[] header = reader.readNext();
            if (header == null) {
                throw new ImportRefusedException("The file " + file.getFileName() + " has no header line.");
            }
            return new CsvSource(bytes, text, reader, separator, header, size);
        } catch (CsvException e) {
            bytes.close();
            throw new ImportRefusedException("The header line cannot be read as CSV: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            bytes.close();
            throw e;
        }
    }

    char separator() {
        return separator;
    }

    String[] header() {
        return Arrays.copyOf(header, header.length);
    }

    /**
     * The next record, with the line it starts on; null at the end of the file. Blank lines are
     * skipped. A quoted field that never closes (within {@value #MULTILINE_LIMIT} lines, or before the
     * end) becomes an unreadable row, and reading goes on after it.
     */
    CsvRow next() throws IOException {
        while (true) {
            long firstLine = lineOffset + reader.getLinesRead() + 1;
            String[] values;
            try {
                values = reader.readNext();
            } catch (CsvException e) {
                return CsvRow.unreadable(firstLine, "Line " + firstLine + " cannot be read as CSV (" + e.getMessage() + ").");
            } catch (CsvMultilineLimitBrokenException | CsvMalformedLineException e) {
                long lastLine = lineOffset + reader.getLinesRead();
                lineOffset = lastLine;
                reader = csvReader(text, separator);
                return CsvRow.unreadable(firstLine, "Line " + firstLine + " opens a quoted field that is not closed"
                        + " within " + MULTILINE_LIMIT + " lines or before the end of the file, so lines " + firstLine
                        + " to " + lastLine + " could not be read; check the quotes on line " + firstLine + ".");
            }
            if (values == null) {
                return null;
            }
            if (values.length == 1 && (values[0] == null || values[0].isBlank())) {
                continue;
            }
            return CsvRow.of(firstLine, values);
        }
    }

    /** Bytes read from the file so far (ahead of the parser by at most a buffer): for progress estimates. */
    long bytesRead() {
        return bytes.count();
    }

    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    static String[] readHeader(Path file) {
        try (CsvSource source = open(file)) {
            return source.header();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    private static final class CountingInputStream extends FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        long count() {
            return count;
        }
    }
}
