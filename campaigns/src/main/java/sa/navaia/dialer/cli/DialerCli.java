package sa.navaia.dialer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ops/dialer}: one command line for everything an operator or campaign manager does. */
@Command(name = "dialer",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.class,
        description = "Outbound campaign dialer for AI voice agents (Twilio + ElevenLabs).",
        footer = {"", "Servers (started by ops/dialer itself):",
                "  receiver   the webhook receiver for Twilio and ElevenLabs (port DIALER_PORT, default 8000)",
                "  sandbox    the local Twilio/ElevenLabs-compatible carrier of sandbox mode (DIALER_SANDBOX_PORT)",
                "Settings come from the environment and ./.env; see ops/.env.example."},
        subcommands = {
                CommandLine.HelpCommand.class,
                VersionCommand.class,
                MigrateCommand.class,
                StatusCommand.class,
                DemoCommand.class,
                WorkerCommand.class,
                ReportCommand.class,
                ImportCommand.class,
                CampaignCommand.class,
                ScheduleCommand.class,
                RunCommand.class,
                PostCallCommand.class,
                InboxCommand.class,
                UserCommand.class,
                DncCommand.class,
                EraseCommand.class,
                ConsentCommand.class,
                RegistryCommand.class,
        })
public final class DialerCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new DialerCli());
        commandLine.setExecutionExceptionHandler(new SettingsErrorHandler());
        return commandLine;
    }
}
