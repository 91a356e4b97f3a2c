package sa.navaia.dialer.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every console page shows: who is signed in, and which parts of the console their role may use; and a page
 * that says what went wrong, with the right status, when an action was refused (not Spring's bare 500 page).
 */
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

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e, java.security.Principal user) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage(), user);
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict(ConflictException e, java.security.Principal user) {
        return problem(HttpStatus.CONFLICT, e.getMessage(), user);
    }

    @ExceptionHandler({IllegalArgumentException.class, IllegalStateException.class})
    ModelAndView refused(RuntimeException e, java.security.Principal user) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(), user);
    }

    private ModelAndView problem(HttpStatus status, String message, java.security.Principal user) {
        ExtendedModelMap model = new ExtendedModelMap();
        common(model, user instanceof Authentication authentication ? authentication : null);
        model.addAttribute("problem", message);
        model.addAttribute("status", status.value());
        return new ModelAndView("problem", model, status);
    }

    private static boolean hasAny(Authentication user, String... roles) {
        return user.getAuthorities().stream().anyMatch(a -> java.util.Arrays.asList(roles).contains(a.getAuthority()));
    }
}
