package sa.navaia.dialer.console;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import sa.navaia.dialer.user.UserRepository;

/**
 * Who may use the console and the API. Two filter chains: {@code /api/**} takes only bearer tokens
 * (Spring Security's resource server with our own opaque-token look-up; no session, and so no CSRF to
 * guard), and everything else is the console: form login, a session cookie, CSRF tokens on every form.
 * Roles are checked on each endpoint with {@code @PreAuthorize}. After {@link #MAX_FAILED_LOGINS} wrong
 * passwords in a row an account is locked for {@link #LOCK_FOR}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableMethodSecurity
class ConsoleSecurity {

    static final int MAX_FAILED_LOGINS = 5;
    static final Duration LOCK_FOR = Duration.ofMinutes(15);
    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurity.class);

    /**
     * Health and metrics, served only on the management port ({@code DIALER_METRICS_PORT}), which is for the operators'
     * network and Prometheus: open there, as Prometheus and load balancers do not sign in.
     */
    @Bean
    @Order(0)
    SecurityFilterChain managementChain(HttpSecurity http) throws Exception {
        http.securityMatcher(org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokenIntrospector introspector) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(OpenApiDocument.PATH).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.opaqueToken(token -> token.introspector(introspector)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Only a bearer token authenticates here; a browser never attaches one by itself.
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/console.css", "/console.js", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/campaigns", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }

    @Bean
    UserDetailsService userDetailsService(UserRepository users, Clock clock) {
        return username -> users.findByUsername(username)
                .map(user -> User.withUsername(user.username()).password(user.passwordHash())
                        .roles(user.role().name()).accountLocked(user.lockedAt(clock.instant())).build())
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
        return new DefaultAuthenticationEventPublisher(publisher);
    }

    @Bean
    LoginAttempts loginAttempts(UserRepository users) {
        return new LoginAttempts(users);
    }

    /** Counts wrong passwords per user, locking the account at the limit; a good one clears the count. */
    static final class LoginAttempts {
        private final UserRepository users;

        LoginAttempts(UserRepository users) {
            this.users = users;
        }

        @EventListener
        void failed(AuthenticationFailureBadCredentialsEvent event) {
            if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt) {
                log.info("Failed console sign-in for user {}", attempt.getName());
                users.recordFailedLogin(attempt.getName(), MAX_FAILED_LOGINS, LOCK_FOR);
            }
        }

        @EventListener
        void succeeded(AuthenticationSuccessEvent event) {
            if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken) {
                users.resetFailedLogins(event.getAuthentication().getName());
            }
        }
    }
}
