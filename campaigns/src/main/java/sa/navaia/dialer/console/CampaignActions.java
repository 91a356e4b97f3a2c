package sa.navaia.dialer.console;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignForm;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.campaign.CampaignStatus;
import sa.navaia.dialer.campaign.CampaignTransition;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.dialing.DialCampaignJob;
import sa.navaia.dialer.schedule.Schedules;

/**
 * What the console and the API do to campaigns, each change written to the audit log with who made it.
 * Starting (or resuming) makes the campaign active and fires its dial run at once through the clustered
 * scheduler, so one worker of the cluster runs it; pausing and cancelling only change the status, which
 * every running dial run reads before each call ({@code CampaignStates}).
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class CampaignActions {

    private final CampaignRepository campaigns;
    private final AuditLog audit;
    private final Schedules schedules;
    private final DialerSettings settings;
    private final Clock clock;

    CampaignActions(CampaignRepository campaigns, AuditLog audit, Schedules schedules, DialerSettings settings, Clock clock) {
        this.campaigns = campaigns;
        this.audit = audit;
        this.schedules = schedules;
        this.settings = settings;
        this.clock = clock;
    }

    Campaign find(long id) {
        return campaigns.findById(id).orElseThrow(() -> new NotFoundException("There is no campaign with id " + id + "."));
    }

    Campaign create(CampaignForm form, String actor, java.util.function.UnaryOperator<String> label) {
        Campaign campaign = form.toCampaign(Optional.empty(), settings.elevenLabs().agents(), settings.twilio().phoneNumber(),
                clock.instant(), label);
        Campaign created = nameChecked(() -> campaigns.create(campaign));
        audit.record(actor, "campaign.create", target(created), "draft");
        return created;
    }

    Campaign update(long id, CampaignForm changes, String actor, java.util.function.UnaryOperator<String> label) {
        Campaign current = find(id);
        if (current.status().isFinal()) {
            throw new ConflictException("Campaign " + current.name() + " is " + current.status().code() + "; it can no longer change.");
        }
        CampaignForm before = CampaignForm.of(current);
        CampaignForm after = before.with(changes);
        Campaign changed = after.toCampaign(Optional.of(current), settings.elevenLabs().agents(),
                settings.twilio().phoneNumber(), clock.instant(), label);
        Campaign updated = nameChecked(() -> campaigns.update(changed));
        audit.record(actor, "campaign.update", target(updated), changed(before, CampaignForm.of(updated)));
        return updated;
    }

    Campaign apply(long id, CampaignTransition action, String actor) {
        Campaign c = find(id);
        try {
            action.apply(campaigns, c);
        } catch (IllegalStateException refused) {
            throw new ConflictException(refused.getMessage());
        }
        audit.record(actor, "campaign." + action.code(), target(c), c.status().code() + " -> " + action.to().code());
        if (action.to() == CampaignStatus.ACTIVE) {
            schedules.runOnce(DialCampaignJob.nowKey(c.id()), DialCampaignJob.class, Map.of("campaignId", c.id()));
        }
        return find(id);
    }

    /** Dials the campaign on a Quartz cron schedule in its zone; the cron is checked with a sentence when wrong. */
    Campaign schedule(long id, String cron, String actor) {
        Campaign c = find(id);
        if (cron == null || cron.isBlank()) {
            throw new FieldException("cron", "cron is required: a Quartz cron such as \"0 0 9 ? * MON-FRI\" (09:00 on weekdays).");
        }
        try {
            schedules.scheduleCron(DialCampaignJob.key(c.id()), DialCampaignJob.class, cron.strip(), c.timeZone(),
                    Map.of("campaignId", c.id()));
        } catch (IllegalArgumentException e) {
            throw new FieldException("cron", "cron " + e.getMessage());
        }
        Campaign updated = campaigns.update(c.withCron(cron.strip()));
        audit.record(actor, "campaign.schedule", target(c), "cron \"" + cron.strip() + "\" in " + c.timeZone());
        return updated;
    }

    /** The repository refuses a name another campaign has: a conflict with that campaign (409), not a malformed request. */
    private static Campaign nameChecked(java.util.function.Supplier<Campaign> save) {
        try {
            return save.get();
        } catch (IllegalArgumentException nameTaken) {
            throw new ConflictException(nameTaken.getMessage());
        }
    }

    static String target(Campaign c) {
        return AuditLog.target(c);
    }

    private static String changed(CampaignForm before, CampaignForm after) {
        StringBuilder text = new StringBuilder();
        for (var field : CampaignForm.class.getRecordComponents()) {
            try {
                Object x = field.getAccessor().invoke(before);
                Object y = field.getAccessor().invoke(after);
                if (!java.util.Objects.equals(x, y)) {
                    text.append(text.isEmpty() ? "" : "; ").append(field.getName()).append(": ").append(x).append(" -> ").append(y);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return text.isEmpty() ? "no change" : text.toString();
    }
}
