package sa.navaia.dialer.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page shows: who is signed in, and which parts of the console their role may use. */
@ControllerAdvice(assignableTypes = {ConsolePages.class, OperationsPages.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleModel {

    @ModelAttribute
    void common(Model model, Authentication user) {
        if (user != null) {
            model.addAttribute("user", user.getName());
            model.addAttribute("readsAudit", hasAny(user, "ROLE_ADMIN", "ROLE_COMPLIANCE"));
            model.addAttribute("managesDnc", hasAny(user, "ROLE_ADMIN", "ROLE_COMPLIANCE"));
            model.addAttribute("runsCampaigns", hasAny(user, "ROLE_ADMIN", "ROLE_CAMPAIGN_MANAGER"));
        }
        model.addAttribute("labels", ConsolePages.LABELS);
    }

    private static boolean hasAny(Authentication user, String... roles) {
        return user.getAuthorities().stream().anyMatch(a -> java.util.Arrays.asList(roles).contains(a.getAuthority()));
    }
}
