package sa.navaia.dialer.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpreadsheetSafeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=SUM(A1:A9)|'=SUM(A1:A9)",
            "+12125550001|'+12125550001",
            "-5|'-5",
            "@cmd|'@cmd",
            "Jane Doe|Jane Doe",
            "12125550001|12125550001",
            "a=b|a=b",
    })
    void neutralisesCellsThatASpreadsheetWouldRunAsFormulas(String value, String written) {
        assertThat(SpreadsheetSafe.cell(value)).isEqualTo(written);
    }

    @org.junit.jupiter.api.Test
    void neutralisesLeadingTabsAndCarriageReturnsAndKeepsEmptyCells() {
        assertThat(SpreadsheetSafe.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(SpreadsheetSafe.cell("\r=1")).isEqualTo("'\r=1");
        assertThat(SpreadsheetSafe.cell("")).isEmpty();
        assertThat(SpreadsheetSafe.cell(null)).isEmpty();
    }
}
