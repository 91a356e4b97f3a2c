package sa.navaia.dialer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sa.navaia.dialer.app.DialerContext;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.Migrations;
import sa.navaia.dialer.importing.ContactImporter;
import sa.navaia.dialer.importing.ImportOutcome;
import sa.navaia.dialer.importing.ImportProgress;

@Command(name = "import", description = {
        "Import a CSV list of contacts into a campaign (UTF-8, comma or semicolon, one phone column).",
        "Bad rows are rejected with their line and reason into FILE.rejects.csv; good rows are imported.",
        "Importing the same file again changes nothing; a failed import resumes where it stopped."})
final class ImportCommand implements Callable<Integer> {

    static final int REFUSED = 3;

    @Option(names = "--campaign", required = true, paramLabel = "NAME_OR_ID", description = "The campaign, by name or id.")
    String campaign;

    @Option(names = "--recover", description = "Resume an import of this file whose process was killed (still marked running).")
    boolean recover;

    @Option(names = "--no-progress", description = "Do not draw the progress bar on stderr.")
    boolean noProgress;

    @Parameters(paramLabel = "FILE.csv", description = "The list to import.")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DialerSettings settings = SettingsLoader.fromEnvironment();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try (ConfigurableApplicationContext context = DialerContext.start(settings)) {
            new Migrations(context.getBean(DataSource.class)).migrate();
            Campaign target = context.getBean(CampaignRepository.class).find(campaign)
                    .orElseThrow(() -> new IllegalArgumentException("There is no campaign named or numbered \"" + campaign
                            + "\"; 'dialer status' counts the campaigns."));
            ImportOutcome outcome;
            if (noProgress) {
                outcome = context.getBean(ContactImporter.class).importFile(target, file, recover);
            } else {
                try (ProgressBar bar = new ProgressBar(context.getBean(ImportProgress.class), err, System::nanoTime)) {
                    outcome = context.getBean(ContactImporter.class).importFile(target, file, recover);
                }
            }
            context.getBean(AuditLog.class).record(CliAudit.ACTOR, "import.upload", AuditLog.target(target),
                    file.getFileName() + ": " + outcome.describe());
            (outcome.ran() ? out : err).println(outcome.describe());
            out.flush();
            err.flush();
            if (outcome instanceof ImportOutcome.Refused) {
                return REFUSED;
            }
            return outcome.ran() ? 0 : SettingsErrorHandler.FAILED;
        }
    }
}
