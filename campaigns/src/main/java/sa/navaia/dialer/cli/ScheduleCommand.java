package sa.navaia.dialer.cli;

import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sa.navaia.dialer.app.DialerContext;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.dialing.DialCampaignJob;
import sa.navaia.dialer.dialing.DialOptions;
import sa.navaia.dialer.schedule.ScheduleReachCheck;
import sa.navaia.dialer.schedule.Schedules;
import sa.navaia.dialer.window.WindowPreview;

@Command(name = "schedule", description = "Dial a campaign on a Quartz cron schedule in the campaign's zone (a running 'worker' fires it).")
final class ScheduleCommand implements Callable<Integer> {

    @Option(names = "--campaign", required = true, description = "Name or id.")
    String campaign;

    @Option(names = "--cron", required = true, description = "Quartz cron, e.g. \"0 0 9 ? * MON-FRI\" (09:00 on weekdays).")
    String cron;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = DialerContext.start(SettingsLoader.fromEnvironment())) {
            CampaignRepository campaigns = context.getBean(CampaignRepository.class);
            Campaign c = CampaignCommand.find(campaigns, campaign);
            Date next = context.getBean(Schedules.class).scheduleCron(DialCampaignJob.key(c.id()), DialCampaignJob.class,
                    cron, c.timeZone(), Map.of("campaignId", c.id()));
            campaigns.update(c.withCron(cron));
            context.getBean(AuditLog.class).record(CliAudit.ACTOR, "campaign.schedule", AuditLog.target(c),
                    "cron \"" + cron + "\" in " + c.timeZone());
            System.out.println("Campaign " + c.name() + " dials on \"" + cron + "\" in " + c.timeZone() + "; next run at "
                    + next.toInstant().atZone(c.timeZone()) + ".");
            ScheduleReachCheck.warning(context.getBean(WindowPreview.class), c, cron,
                    context.getBean(DialOptions.class).horizon(), context.getBean(Clock.class).instant())
                    .ifPresent(System.out::println);
        }
        return 0;
    }
}
