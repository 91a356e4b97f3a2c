package sa.navaia.dialer.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import java.time.Clock;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.consent.Consent;
import sa.navaia.dialer.consent.ConsentRepository;
import sa.navaia.dialer.dialing.DialingContactRepository;
import sa.navaia.dialer.dialing.DueContact;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.DoNotCallScope;

/** The hostile corpus, file by file, on H2 and MariaDB: right counts, right messages, no good row lost. */
class ContactImportIT {

    @TempDir
    Path dir;

    /** A file built at test time and what importing it must give. */
    record Case(String name, byte[] content, long imported, long suppressed, Map<String, Long> rejects,
                List<String> messages, String refusal) {

        static Case imports(String name, String text, long imported, Map<String, Long> rejects, String... messages) {
            return new Case(name, text.getBytes(StandardCharsets.UTF_8), imported, 0, rejects, List.of(messages), null);
        }

        static Case refused(String name, byte[] content, String refusal) {
            return new Case(name, content, 0, 0, Map.of(), List.of(), refusal);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> corpus() {
        List<Case> cases = List.of(
                Case.imports("BOM, CRLF, quoted commas and newlines",
                        "\uFEFFphone,name,consent,city\r\n+12125550001,\"Doe, Jane\",yes,NYC\r\n"
                                + "(212) 555-0002,Bob,yes,\"New\r\nYork\"\r\n+12125550003,Eve,yes,LA\r\n",
                        3, Map.of()),
                Case.imports("semicolons, quoted newline, wrong column count",
                        "Phone;Name;consent;note\n+12125550011;\"A\nB\";1;x\n2125550012;C;true;\"semi;colon\"\n"
                                + "2125550013;D\n2125550014;E;yes;ok\n",
                        3, Map.of("WRONG_COLUMN_COUNT", 1L), "Line 5 has 2 fields, the header has 4"),
                Case.imports("national formats, letters, formulas",
                        "phone_number,name,consent\n(212) 555-0021,A,yes\n212.555.0022,B,yes\n212-555-CALL,C,yes\n"
                                + "12,D,yes\n=1+2,=HYPERLINK(\"http://x\"),yes\n",
                        2, Map.of("NOT_A_NUMBER", 1L, "INVALID_NUMBER", 2L),
                        "Line 4: \"212-555-CALL\" contains letters", "Line 5: \"12\""),
                Case.imports("duplicates in the file",
                        "MOBILE,name,consent\n+12125550031,First,yes\n(212) 555-0031,Second,yes\n+12125550032,Other,yes\n"
                                + "212 555 0031,Third,yes\n",
                        2, Map.of("DUPLICATE_IN_FILE", 2L),
                        "Line 3: +12125550031 (written \"(212) 555-0031\") is on line 2 already; the first is kept.",
                        "Line 5: +12125550031"),
                Case.imports("911 and a +1-900 number",
                        "number,name,consent\n911,Police,yes\n+1 900 555 0199,Psychic,yes\n+12125550041,Fine,yes\n",
                        1, Map.of("EMERGENCY_NUMBER", 1L, "PREMIUM_RATE", 1L),
                        "Line 2: \"911\" is an emergency number", "Line 3: \"+1 900 555 0199\" is a premium-rate number"),
                Case.imports("a 100 000-character line",
                        "phone,name,consent\n+12125550051," + "x".repeat(100_000) + ",yes\n+12125550052,Short,yes\n",
                        1, Map.of("FIELD_TOO_LONG", 1L), "Line 2: name is 100000 characters long"),
                new Case("Latin-1 bytes", latin1(), 1, 0, Map.of("INVALID_ENCODING", 1L),
                        List.of("Line 2 is not UTF-8 text (column name"), null),
                Case.imports("consent and time zones",
                        "phone,name,consent,consent_at,timezone\n+12125550061,Yes,yes,2026-01-02,\n"
                                + "+12125550062,No,no,,\n+12125550063,Maybe,maybe,,\n+12125550064,Mars,yes,,Mars/Olympus\n"
                                + "+12125550065,Chicago,YES,2026-01-02T10:00:00Z,America/Chicago\n+12125550066,BadDate,1,yesterday,\n"
                                + "+1 800 555 0123,Toll-free (42 zones),yes,,\n",
                        3, Map.of("NO_CONSENT", 1L, "INVALID_CONSENT", 2L, "INVALID_TIME_ZONE", 1L),
                        "Line 3: this campaign calls only people who consented", "\"Mars/Olympus\" is not a time zone"),
                Case.refused("empty file", new byte[0], "is empty: nothing to import."),
                Case.refused("header only", "phone,name,consent\r\n".getBytes(StandardCharsets.UTF_8),
                        "has a header but no rows: nothing to import."),
                Case.refused("no phone column", "id,nom,telefono\n1,a,+12125550000\n".getBytes(StandardCharsets.UTF_8),
                        "No phone column: the header must name one of phone, phone_number, number, mobile, mobile_phone,"),
                Case.refused("binary garbage", garbage(), "is not a CSV text file"),
                Case.refused("no consent column where consent is required",
                        "phone,name\n+12125550071,A\n".getBytes(StandardCharsets.UTF_8), "has no consent column"));
        List<Arguments> arguments = new ArrayList<>();
        for (TestDatabase db : TestDatabase.values()) {
            cases.forEach(c -> arguments.add(Arguments.of(db, c)));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{1}, {0}")
    @MethodSource("corpus")
    void importsTheHostileCorpusFileByFile(TestDatabase kind, Case file) throws IOException {
        ImportContexts.Running running = ImportContexts.on(kind);
        Campaign campaign = running.campaign(true);
        Path csv = dir.resolve("list.csv");
        Files.write(csv, file.content());

        ImportOutcome outcome = running.bean(ContactImporter.class).importFile(campaign, csv);

        if (file.refusal() != null) {
            assertThat(outcome).isInstanceOf(ImportOutcome.Refused.class);
            assertThat(outcome.describe()).contains(file.refusal());
            assertThat(contacts(running, campaign)).isZero();
            return;
        }
        assertThat(outcome).as(outcome.describe()).isInstanceOf(ImportOutcome.Completed.class);
        ImportOutcome.Completed completed = (ImportOutcome.Completed) outcome;
        assertThat(completed.record().counts().imported()).isEqualTo(file.imported());
        assertThat(completed.rejectsByReason()).isEqualTo(file.rejects());
        assertThat(contacts(running, campaign)).isEqualTo(file.imported() + file.suppressed());
        long rejected = file.rejects().values().stream().mapToLong(Long::longValue).sum();
        assertThat(completed.record().counts().rowsRead()).isEqualTo(file.imported() + file.suppressed() + rejected);
        List<String> reasons = JdbcClient.create(running.db().dataSource())
                .sql("SELECT reason FROM import_rejects WHERE import_id = :id ORDER BY line_number")
                .param("id", completed.record().id()).query(String.class).list();
        for (String message : file.messages()) {
            assertThat(reasons).anySatisfy(reason -> assertThat(reason).contains(message));
        }
        if (rejected > 0) {
            Path report = dir.resolve("list.rejects.csv");
            assertThat(completed.report()).contains(report);
            String text = Files.readString(report);
            assertThat(text.lines().count()).isGreaterThanOrEqualTo(rejected + 1);
            assertThat(running.bean(ImportRepository.class).rejectsCsv(completed.record().id())).contains(text);
            assertThat(text).doesNotContain(",\"=");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void theRejectsReportNeutralisesFormulasAndKeepsTheOriginalValues(TestDatabase kind) throws IOException {
        ImportContexts.Running running = ImportContexts.on(kind);
        Campaign campaign = running.campaign(true);
        Path csv = dir.resolve("formulas.csv");
        Files.writeString(csv, "phone,name,consent,note\n=1+2,\"=HYPERLINK(\"\"http://x\"\")\",yes,@SUM(A1)\n+12125550081,Ok,yes,-5\n");

        ImportOutcome outcome = running.bean(ContactImporter.class).importFile(campaign, csv);

        assertThat(outcome.describe()).contains("1 imported, 1 rejected").contains("formulas.rejects.csv");
        assertThat(Files.readString(dir.resolve("formulas.rejects.csv"))).isEqualTo(
                "\"line\",\"reason_code\",\"reason\",\"phone\",\"name\",\"consent\",\"note\"\r\n"
                        + "\"2\",\"INVALID_NUMBER\",\"Line 2: \"\"=1+2\"\" is not a phone number (no digits that form a number).\","
                        + "\"'=1+2\","
                        + "\"'=HYPERLINK(\"\"http://x\"\")\",\"yes\",\"'@SUM(A1)\"\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void numbersOnTheDoNotCallListAreStoredSuppressedNotRejected(TestDatabase kind) throws IOException {
        ImportContexts.Running running = ImportContexts.on(kind);
        Campaign campaign = running.campaign(false);
        running.bean(DoNotCallRepository.class).add("+12125550091", DoNotCallScope.SYSTEM, "manual", "asked", null);
        Path csv = dir.resolve("dnc.csv");
        Files.writeString(csv, "phone,name\n+12125550091,Listed\n+12125550092,Free\n");

        ImportOutcome.Completed outcome = (ImportOutcome.Completed) running.bean(ContactImporter.class).importFile(campaign, csv);

        assertThat(outcome.record().counts()).isEqualTo(new ImportCounts(2, 1, 0, 1, 0));
        assertThat(JdbcClient.create(running.db().dataSource())
                .sql("SELECT status FROM contacts WHERE campaign_id = :c ORDER BY phone_e164").param("c", campaign.id())
                .query(String.class).list()).containsExactly("suppressed", "pending");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void theStateAndConsentProvenanceColumnsLandWhereTheDialerAndTheCliReadThem(TestDatabase kind) throws IOException {
        ImportContexts.Running running = ImportContexts.on(kind);
        Campaign campaign = running.campaign(false);
        Path csv = dir.resolve("provenance.csv");
        Files.writeString(csv, """
                phone,name,State,consent_basis,consent_source,consent_at,consent_text,consent_method
                +12125550111,Moved,Florida,express written,web form acme.com/signup,2026-11-20T14:03:00Z,tcpa-2026-03,web_form
                +12125550112,Plain,ny,,,,,
                +12125550113,Lost,Narnia,,,,,
                +12125550114,Vague,NY,implied,web form,2026-11-20,v1,web_form
                +12125550115,NoText,NY,established business relationship,contract 9,2026-11-20,,paper
                """);

        ImportOutcome.Completed outcome = (ImportOutcome.Completed) running.bean(ContactImporter.class).importFile(campaign, csv);

        assertThat(outcome.rejectsByReason()).isEqualTo(Map.of("INVALID_STATE", 1L, "INVALID_CONSENT", 2L));
        String rejects = Files.readString(dir.resolve("provenance.rejects.csv"));
        assertThat(rejects).contains("Line 4: state \"\"Narnia\"\" is not a US state")
                .contains("Line 5: The consent basis must be express_written")
                .contains("Line 6: the row gives consent_basis ebr without all its provenance")
                .contains("A consent needs its text version");
        JdbcClient jdbc = JdbcClient.create(running.db().dataSource());
        assertThat(jdbc.sql("SELECT us_state FROM contacts WHERE campaign_id = :c ORDER BY phone_e164")
                .param("c", campaign.id()).query(String.class).list()).containsExactly("FL", "NY");
        long moved = jdbc.sql("SELECT id FROM contacts WHERE campaign_id = :c AND name = 'Moved'").param("c", campaign.id())
                .query(Long.class).single();
        assertThat(new DialingContactRepository(running.db().dataSource(), Clock.systemUTC()).find(moved)
                .flatMap(DueContact::usState)).contains("FL");
        assertThat(jdbc.sql("SELECT variables FROM contacts WHERE id = :id").param("id", moved).query(String.class).single())
                .isEqualTo("{\"State\":\"Florida\"}");
        ConsentRepository consents = running.bean(ConsentRepository.class);
        Consent consent = consents.active("+12125550111").orElseThrow();
        assertThat(consent.basis()).isEqualTo(Consent.Basis.EXPRESS_WRITTEN);
        assertThat(List.of(consent.source(), consent.capturedAt().toString(), consent.textVersion(), consent.captureMethod(),
                consent.recordedBy())).containsExactly("web form acme.com/signup", "2026-11-20T14:03:00Z", "tcpa-2026-03",
                "web_form", "import #" + outcome.record().id());
        assertThat(consents.active("+12125550112")).isEmpty();

        Campaign another = running.campaign(false);
        running.bean(ContactImporter.class).importFile(another, csv);
        assertThat(consents.history("+12125550111")).as("the same consent imported into a second campaign").hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void reimportingAFileChangesNothingAndANewListReportsNumbersTheCampaignHas(TestDatabase kind) throws IOException {
        ImportContexts.Running running = ImportContexts.on(kind);
        Campaign campaign = running.campaign(false);
        ContactImporter importer = running.bean(ContactImporter.class);
        Path first = dir.resolve("first.csv");
        Files.writeString(first, "phone,name,plan\n+12125550101,A,gold\n+12125550102,B,silver\nnope,C,none\n");
        ImportOutcome.Completed once = (ImportOutcome.Completed) importer.importFile(campaign, first);

        ImportOutcome again = importer.importFile(campaign, first);

        assertThat(again).isInstanceOf(ImportOutcome.AlreadyImported.class);
        assertThat(again.describe()).matches("Already imported on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC as import #"
                + once.record().id() + ": 2 imported, 1 rejected; nothing changed\\.");
        assertThat(contacts(running, campaign)).isEqualTo(2);
        assertThat(JdbcClient.create(running.db().dataSource())
                .sql("SELECT variables FROM contacts WHERE campaign_id = :c AND name = 'A'").param("c", campaign.id())
                .query(String.class).single()).isEqualTo("{\"plan\":\"gold\"}");

        Path second = dir.resolve("second.csv");
        Files.writeString(second, "phone,name\n(212) 555-0102,B again\n+12125550103,D\n");
        ImportOutcome.Completed next = (ImportOutcome.Completed) importer.importFile(campaign, second);

        assertThat(next.rejectsByReason()).isEqualTo(Map.of("DUPLICATE_IN_CAMPAIGN", 1L));
        assertThat(next.record().counts().duplicates()).isEqualTo(1);
        assertThat(contacts(running, campaign)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anImportKilledMidwayAndRestartedEndsWithTheSameContactsAsAnUninterruptedOne(TestDatabase kind) throws IOException {
        ImportContexts.Running running = ImportContexts.on(kind);
        ContactImporter importer = running.bean(ContactImporter.class);
        Path csv = dir.resolve("big.csv");
        StringBuilder text = new StringBuilder("phone,name,consent\n");
        for (int i = 0; i < 3500; i++) {
            text.append(String.format("+1212700%04d,Person %d,yes%n", i, i));
            if (i == 3000) {
                text.append("+12127000007,Duplicate of line 9 after the restart point,yes\n");
            }
        }
        Files.writeString(csv, text);
        Campaign uninterrupted = running.campaign(true);
        Campaign interrupted = running.campaign(true);
        importer.importFile(uninterrupted, csv);

        ImportContexts.FAIL_AT_LINE.set(2600);
        ImportOutcome failed = importer.importFile(interrupted, csv);
        long storedBeforeRestart = contacts(running, interrupted);
        ImportOutcome resumed = importer.importFile(interrupted, csv);

        assertThat(failed).isInstanceOf(ImportOutcome.Failed.class);
        assertThat(failed.describe()).contains("Injected failure at line 2600").contains("Import the same file again");
        assertThat(storedBeforeRestart).isEqualTo(2 * ImportJobConfiguration.CHUNK_SIZE);
        assertThat(resumed).as(resumed.describe()).isInstanceOf(ImportOutcome.Completed.class);
        assertThat(rows(running, interrupted)).isEqualTo(rows(running, uninterrupted)).hasSize(3500);
        assertThat(((ImportOutcome.Completed) resumed).rejectsByReason()).isEqualTo(Map.of("DUPLICATE_IN_FILE", 1L));
        assertThat(((ImportOutcome.Completed) resumed).record().counts()).isEqualTo(new ImportCounts(3501, 3500, 0, 0, 1));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void anImportWhoseProcessWasKilledIsReportedAndResumesWithRecover(TestDatabase kind) throws IOException {
        ImportContexts.Running running = ImportContexts.on(kind);
        ContactImporter importer = running.bean(ContactImporter.class);
        Campaign campaign = running.campaign(true);
        Path csv = dir.resolve("killed.csv");
        StringBuilder text = new StringBuilder("phone,consent\n");
        for (int i = 0; i < 1500; i++) {
            text.append(String.format("+1212800%04d,yes%n", i));
        }
        Files.writeString(csv, text);
        ImportContexts.FAIL_AT_LINE.set(1200);
        importer.importFile(campaign, csv);
        JdbcClient jdbc = JdbcClient.create(running.db().dataSource());
        // What a killed process leaves behind: its executions still marked as running.
        jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL"
                + " WHERE JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)").update();
        jdbc.sql("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL"
                + " WHERE JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)").update();

        ImportOutcome reported = importer.importFile(campaign, csv);
        ImportOutcome recovered = importer.importFile(campaign, csv, true);

        assertThat(reported.describe()).contains("is running since").contains("import the file again with --recover");
        assertThat(recovered).as(recovered.describe()).isInstanceOf(ImportOutcome.Completed.class);
        assertThat(contacts(running, campaign)).isEqualTo(1500);
    }

    private static List<String> rows(ImportContexts.Running running, Campaign campaign) {
        return JdbcClient.create(running.db().dataSource())
                .sql("SELECT CONCAT(phone_e164, '|', line_number, '|', name, '|', status) FROM contacts"
                        + " WHERE campaign_id = :c ORDER BY phone_e164").param("c", campaign.id()).query(String.class).list();
    }

    private static long contacts(ImportContexts.Running running, Campaign campaign) {
        return JdbcClient.create(running.db().dataSource()).sql("SELECT COUNT(*) FROM contacts WHERE campaign_id = :c")
                .param("c", campaign.id()).query(Long.class).single();
    }

    private static byte[] latin1() {
        byte[] head = "phone,name,consent\n+12125550201,Jos".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ",yes\n+12125550202,Joe,yes\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xE9;
        System.arraycopy(tail, 0, all, head.length + 1, tail.length);
        return all;
    }

    private static byte[] garbage() {
        byte[] bytes = new byte[4096];
        new Random(42).nextBytes(bytes);
        bytes[10] = 0;
        return bytes;
    }
}
