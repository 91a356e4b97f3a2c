package sa.navaia.dialer.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.app.DialerContext;
import sa.navaia.dialer.cli.PackagedCli;
import sa.navaia.dialer.config.SettingsLoader;

/**
 * Every change made from the command line is in the audit log as done by {@code cli:<OS user>}, and the console's
 * report and rejects downloads as done by the signed-in user; the console's audit page shows them all. The rejects
 * download is the report as written beside the list, whatever its size.
 */
class AuditTrailIT {

    static final Pattern ROW = Pattern.compile("<td>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td>\\s*<td>([^<]*)</td>");

    @TempDir
    Path workDir;

    @Test
    void changesFromTheCommandLineAndConsoleDownloadsAppearOnTheAuditPage() throws Exception {
        Files.writeString(workDir.resolve("list.csv"), "phone,consent\n+12125550301,yes\n911,yes\n");
        cli("migrate");
        cli("user", "add", "--name", "olga", "--role", "admin", "--password", ConsoleLoginIT.PASSWORD);
        cli("campaign", "create", "--name", "Renewals", "--agent", "support");
        cli("import", "--campaign", "Renewals", "--no-progress", "list.csv");
        cli("campaign", "resume", "Renewals");
        cli("campaign", "pause", "Renewals");
        cli("dnc", "add", "+12125550150", "--reason", "asked by letter");
        cli("dnc", "remove", "+12125550150", "--reason", "consent given in writing");
        cli("report", "--campaign", "Renewals", "--format", "csv", "--out", "report.csv");

        var settings = SettingsLoader.load(Map.of("DIALER_DATA_DIR", workDir.resolve("data").toString(),
                "DIALER_METRICS_PORT", "0"), workDir.resolve("none.env"));
        try (ConsoleServer server = new ConsoleServer(DialerContext.startWorker(settings, "server.port=0"))) {
            HttpClient browser = ConsoleServer.browser();
            ConsoleLoginIT.post(browser, server, "/login", Map.of("username", "olga", "password", ConsoleLoginIT.PASSWORD), true);
            long importId = JdbcClient.create(server.context.getBean(DataSource.class)).sql("SELECT id FROM imports")
                    .query(Long.class).single();
            assertThat(ConsoleLoginIT.get(browser, server, "/campaigns/1/report.html").statusCode()).isEqualTo(200);
            String written = Files.readString(workDir.resolve("list.rejects.csv"), StandardCharsets.UTF_8);
            assertThat(written).contains("911");
            assertThat(ConsoleLoginIT.get(browser, server, "/imports/" + importId + "/rejects.csv").body()).isEqualTo(written);
            // A report over 8 MB is kept in the database as its header line only; the download still has every row.
            JdbcClient.create(server.context.getBean(DataSource.class)).sql("UPDATE imports SET rejects_csv = :header")
                    .param("header", written.substring(0, written.indexOf("\r\n") + 2)).update();
            assertThat(ConsoleLoginIT.get(browser, server, "/imports/" + importId + "/rejects.csv").body()).isEqualTo(written);

            String page = ConsoleLoginIT.get(browser, server, "/audit").body();
            List<String> rows = new ArrayList<>();
            for (Matcher row = ROW.matcher(page); row.find(); ) {
                rows.add(row.group(1) + " " + row.group(2) + " " + row.group(3).replace("&quot;", "\""));
            }
            String cli = "cli:" + System.getProperty("user.name");
            assertThat(rows).containsExactly(
                    "olga import.rejects_export import " + importId + " of campaign 1 \"Renewals\"",
                    "olga import.rejects_export import " + importId + " of campaign 1 \"Renewals\"",
                    "olga report.export campaign 1 \"Renewals\"",
                    cli + " report.export campaign 1 \"Renewals\"",
                    cli + " dnc.remove number +1212***0150",
                    cli + " dnc.add number +1212***0150",
                    cli + " campaign.pause campaign 1 \"Renewals\"",
                    cli + " campaign.start campaign 1 \"Renewals\"",
                    cli + " import.upload campaign 1 \"Renewals\"",
                    cli + " campaign.create campaign 1 \"Renewals\"",
                    cli + " user.add user olga");
        }
    }

    private void cli(String... args) throws Exception {
        Process process = PackagedCli.start(workDir, Map.of(), List.of(), "cli", args);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", args) + ": "
                + Files.readString(workDir.resolve("cli.err"), StandardCharsets.UTF_8)).isZero();
    }
}
