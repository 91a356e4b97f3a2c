package sa.navaia.dialer.importing;

/**
 * Cells written for spreadsheets (the rejects report) must never run as formulas: a value that starts
 * with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading {@code '}
 * (the OWASP advice against CSV injection). Managers read the value; Excel does not evaluate it.
 */
final class SpreadsheetSafe {

    private SpreadsheetSafe() {
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        return switch (first) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }
}
