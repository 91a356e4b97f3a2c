package sa.navaia.dialer.console;

import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;
import sa.navaia.dialer.user.ApiTokenRepository;

/** Turns a presented API token into the user it acts for, with that user's role; unknown or revoked: 401. */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiTokenIntrospector implements OpaqueTokenIntrospector {

    private final ApiTokenRepository tokens;

    ApiTokenIntrospector(ApiTokenRepository tokens) {
        this.tokens = tokens;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        return tokens.userOf(token)
                .map(user -> (OAuth2AuthenticatedPrincipal) new DefaultOAuth2AuthenticatedPrincipal(user.username(),
                        Map.of("sub", user.username(), "role", user.role().code()),
                        List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name()))))
                .orElseThrow(() -> new BadOpaqueTokenException("The token is not one this dialer made, or it was revoked."));
    }
}
