package sa.navaia.dialer.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.CsvSource;

class CsvFormatTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "phone,name,city|,",
            "phone;name;city|;",
            "phone|,",
            "`\"a;b\",c,d`|,",
            "`\"a,b\";c;d`|;",
            "`phone;\"name, full\";x`|;",
    })
    void detectsTheSeparatorFromTheHeaderLine(String header, char separator) {
        assertThat(CsvFormat.separator(header)).isEqualTo(separator);
    }

    @Test
    void recognisesAUtf8ByteOrderMarkAndRefusesUtf16AndBinary() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'p'};
        byte[] utf16 = {(byte) 0xFF, (byte) 0xFE, 'p', 0};
        byte[] binary = {'P', 'K', 3, 4, 0, 0, 1};

        assertThat(CsvFormat.bomLength(bom, bom.length)).isEqualTo(3);
        assertThat(CsvFormat.bomLength(utf16, utf16.length)).isZero();
        assertThat(CsvFormat.notText(bom, bom.length)).isEmpty();
        assertThat(CsvFormat.notText(utf16, utf16.length)).get().asString().contains("UTF-16");
        assertThat(CsvFormat.notText(binary, binary.length)).get().asString().contains("binary data");
    }

    @Test
    void readsRecordsWithThePhysicalLineTheyStartOn() throws IOException {
        Path file = dir.resolve("lines.csv");
        Files.write(file, ("\uFEFFphone;note\r\n+12125550001;\"two\r\nlines\"\r\n\r\n+12125550002;\"semi;colon\"\r\n"
                + "+12125550003;\"quote \"\"inside\"\"\"\r\n").getBytes(StandardCharsets.UTF_8));

        List<String> rows = new ArrayList<>();
        try (sa.navaia.dialer.importing.CsvSource source = sa.navaia.dialer.importing.CsvSource.open(file)) {
            assertThat(source.header()).containsExactly("phone", "note");
            for (CsvRow row = source.next(); row != null; row = source.next()) {
                rows.add(row.line() + ":" + String.join("|", row.values()));
            }
        }

        assertThat(rows).containsExactly("2:+12125550001|two\nlines", "5:+12125550002|semi;colon",
                "6:+12125550003|quote \"inside\"");
    }

    @Test
    void aQuoteThatNeverClosesIsOneUnreadableRowNotTheRestOfTheFile() throws IOException {
        Path file = dir.resolve("quote.csv");
        StringBuilder text = new StringBuilder("phone,note\n+12125550001,ok\n+12125550002,\"never closed\n");
        for (int i = 0; i < 150; i++) {
            text.append("+1212555").append(String.format("%04d", 100 + i)).append(",fine\n");
        }
        Files.writeString(file, text);

        List<CsvRow> rows = new ArrayList<>();
        try (sa.navaia.dialer.importing.CsvSource source = sa.navaia.dialer.importing.CsvSource.open(file)) {
            for (CsvRow row = source.next(); row != null; row = source.next()) {
                rows.add(row);
            }
        }

        assertThat(rows.get(1).problem()).get().asString().contains("Line 3 opens a quoted field that is not closed").contains("lines 3 to 103 could not be read");
        assertThat(rows.get(rows.size() - 1).values()).containsExactly("+12125550249", "fine");
    }

    @Test
    void refusesEmptyFilesAndHeadersThatAreNotUtf8() throws IOException {
        Path empty = Files.write(dir.resolve("empty.csv"), new byte[0]);
        Path latin1 = Files.write(dir.resolve("latin1.csv"), new byte[] {'t', (byte) 0xE9, 'l', '\n', '1', '\n'});

        assertThatThrownBy(() -> sa.navaia.dialer.importing.CsvSource.open(empty)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> sa.navaia.dialer.importing.CsvSource.open(latin1)).hasMessageContaining("not UTF-8");
    }

    @Test
    void refusesAHeaderWithoutPhoneColumnOrWithTwo() {
        assertThatThrownBy(() -> Columns.of(new String[] {"id", "nom", "telefono"})).hasMessage(
                "No phone column: the header must name one of " + String.join(", ", Columns.PHONE_NAMES)
                        + " (in any case, with spaces or underscores), or the column must be mapped to phone;"
                        + " found: id, nom, telefono.");
        assertThatThrownBy(() -> Columns.of(new String[] {"Phone", "MOBILE"})).hasMessageContaining("More than one phone column");
        Columns columns = Columns.of(new String[] {"Name", " PHONE ", "plan", "Consent"});
        assertThat(columns.phone()).isEqualTo(1);
        assertThat(columns.variables()).containsExactly(2);
    }

    @Test
    void aListThatImportedBeforeTheSynonymsImportsAsItDid() {
        Columns columns = Columns.of(new String[] {"phone", "tel", "contact", "customer", "mail"});

        assertThat(columns.phone()).isZero();
        assertThat(columns.name()).isEqualTo(-1);
        assertThat(columns.customerId()).isEqualTo(-1);
        assertThat(columns.email()).isEqualTo(-1);
        assertThat(columns.variables()).containsExactly(1, 2, 3, 4);
        assertThatThrownBy(() -> Columns.of(new String[] {"Tel", "Cell"})).hasMessageContaining("More than one phone column");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Phone Number", "Mobile Phone", "Tel", "Cell", "phone-number", "TELEPHONE"})
    void recognisesThePhoneColumnsCrmExportsName(String header) {
        Columns columns = Columns.of(new String[] {"Full Name", header, "E-mail", "Plan"});

        assertThat(columns.phone()).isEqualTo(1);
        assertThat(columns.name()).isEqualTo(0);
        assertThat(columns.mapping()).containsEntry("phone", header).containsEntry("email", "E-mail");
        assertThat(columns.variableName(2)).isEqualTo("email");
        assertThat(columns.variableColumns()).containsExactly(2, 3);
    }

    @Test
    void aMappingChosenByHandWinsOverTheNames() {
        String[] header = {"Home", "Mobile", "Who"};

        Columns columns = Columns.of(header, java.util.Map.of("phone", "Home", "name", "Who"));

        assertThat(columns.phone()).isEqualTo(0);
        assertThat(columns.name()).isEqualTo(2);
        assertThat(columns.variables()).containsExactly(1);
        assertThatThrownBy(() -> Columns.of(header, java.util.Map.of("phone", "Work"))).hasMessage(
                "The mapping names the column \"Work\" for phone, and the header has no such column; found: Home, Mobile, Who.");
    }

    @Test
    void theStateAndConsentProvenanceColumnsAreProposedByNameAndCanBeMappedByHand() {
        String[] header = {"Phone", "State", "Consent Basis", "Consent Source", "Consent Date", "Consent Version",
                "Capture Method", "Residence"};

        Columns proposed = Columns.of(header);
        Columns chosen = Columns.of(header, java.util.Map.of("state", "Residence"));

        assertThat(proposed.mapping()).containsEntry("state", "State").containsEntry("consent_basis", "Consent Basis")
                .containsEntry("consent_source", "Consent Source").containsEntry("consent_at", "Consent Date")
                .containsEntry("consent_text", "Consent Version").containsEntry("consent_method", "Capture Method");
        assertThat(proposed.variableColumns()).as("the state stays a variable for the agent").containsExactly(1, 7);
        assertThat(chosen.state()).isEqualTo(7);
    }
}
