package sa.navaia.dialer.importing;

import java.util.Optional;

/**
 * What can be told from the first bytes of a list before parsing it: a UTF-8 byte-order mark (skipped),
 * a UTF-16 one or binary content (refused), and the separator (comma or semicolon, whichever the header
 * line holds more of outside quotes; a one-column header means comma).
 */
final class CsvFormat {

    static final int HEAD_BYTES = 64 * 1024;

    private CsvFormat() {
    }

    /** Length of a UTF-8 byte-order mark at the start, 0 when there is none. */
    static int bomLength(byte[] head, int length) {
        return length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
    }

    /** Why these first bytes are not a UTF-8 text file, or empty when they may be one. */
    static Optional<String> notText(byte[] head, int length) {
        if (length >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
            return Optional.of("The file is UTF-16 text; save it as CSV UTF-8 (comma or semicolon delimited) and import it again.");
        }
        int control = 0;
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xFF;
            if (b == 0) {
                return Optional.of("The file is not a CSV text file: it contains binary data (a NUL byte at offset " + i
                        + "); export the list as CSV UTF-8 and import that.");
            }
            if (b < 0x20 && b != '\t' && b != '\r' && b != '\n' && b != '\f') {
                control++;
            }
        }
        if (length > 0 && control * 20 > length) {
            return Optional.of("The file is not a CSV text file: " + control + " of its first " + length
                    + " bytes are control characters; export the list as CSV UTF-8 and import that.");
        }
        return Optional.empty();
    }

    /** The separator of a header line: ';' when it holds more semicolons than commas outside quotes. */
    static char separator(String headerLine) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    /** The first physical line of the decoded head (without its line end). */
    static String firstLine(String head) {
        int end = 0;
        while (end < head.length() && head.charAt(end) != '\n' && head.charAt(end) != '\r') {
            end++;
        }
        return head.substring(0, end);
    }
}
