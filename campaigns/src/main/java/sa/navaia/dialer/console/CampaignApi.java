package sa.navaia.dialer.console;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignForm;
import sa.navaia.dialer.campaign.CampaignTransition;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.report.CampaignProgress;
import sa.navaia.dialer.report.CampaignProgressRepository;

/** {@code /api/v1/campaigns}: create, change, list and show campaigns; start, pause, resume, cancel; progress. */
@RestController
@RequestMapping("/api/v1/campaigns")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class CampaignApi {

    /** JSON names the fields as {@link CampaignForm} does. */
    static final UnaryOperator<String> FIELD = UnaryOperator.identity();

    /** A campaign as the API shows it: its settings in the same shape as a create or update request. */
    record CampaignView(long id, String name, String status, CampaignForm settings, String schedule,
                        Instant createdAt, Instant updatedAt) {
        static CampaignView of(Campaign c) {
            return new CampaignView(c.id(), c.name(), c.status().code(), CampaignForm.of(c), c.cron().orElse(null),
                    c.createdAt(), c.updatedAt());
        }
    }

    private final CampaignRepository campaigns;
    private final CampaignActions actions;
    private final CampaignProgressRepository progress;

    CampaignApi(CampaignRepository campaigns, CampaignActions actions, CampaignProgressRepository progress) {
        this.campaigns = campaigns;
        this.actions = actions;
        this.progress = progress;
    }

    @GetMapping
    List<CampaignView> list() {
        return campaigns.findAll().stream().map(CampaignView::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    CampaignView create(@RequestBody CampaignForm form, Authentication user) {
        return CampaignView.of(actions.create(form, user.getName(), FIELD));
    }

    @GetMapping("/{id}")
    CampaignView show(@PathVariable long id) {
        return CampaignView.of(actions.find(id));
    }

    @PatchMapping("/{id}")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    CampaignView update(@PathVariable long id, @RequestBody CampaignForm changes, Authentication user) {
        return CampaignView.of(actions.update(id, changes, user.getName(), FIELD));
    }

    @PostMapping("/{id}/start")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    CampaignView start(@PathVariable long id, Authentication user) {
        return CampaignView.of(actions.apply(id, CampaignTransition.START, user.getName()));
    }

    @PostMapping("/{id}/resume")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    CampaignView resume(@PathVariable long id, Authentication user) {
        return CampaignView.of(actions.apply(id, CampaignTransition.RESUME, user.getName()));
    }

    @PostMapping("/{id}/pause")
    @PreAuthorize(Roles.STOPS_CALLS)
    CampaignView pause(@PathVariable long id, Authentication user) {
        return CampaignView.of(actions.apply(id, CampaignTransition.PAUSE, user.getName()));
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    CampaignView cancel(@PathVariable long id, Authentication user) {
        return CampaignView.of(actions.apply(id, CampaignTransition.CANCEL, user.getName()));
    }

    record ScheduleRequest(String cron) {
    }

    @PostMapping("/{id}/schedule")
    @PreAuthorize(Roles.RUNS_CAMPAIGNS)
    CampaignView schedule(@PathVariable long id, @RequestBody ScheduleRequest request, Authentication user) {
        return CampaignView.of(actions.schedule(id, request.cron(), user.getName()));
    }

    @GetMapping("/{id}/progress")
    CampaignProgress progress(@PathVariable long id) {
        actions.find(id);
        return progress.progress(id);
    }
}
