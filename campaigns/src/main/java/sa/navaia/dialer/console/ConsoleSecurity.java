package sa.navaia.dialer.console;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.user.UserRepository;

/**
 * Who may use the console and the API. Two filter chains: {@code /api/**} takes only bearer tokens
 * (Spring Security's resource server with our own opaque-token look-up; no session, and so no CSRF to
 * guard), and everything else is the console: form login, a session cookie, CSRF tokens on every form.
 * Roles are checked on each endpoint with {@code @PreAuthorize}. After {@link #MAX_FAILED_LOGINS} wrong
 * passwords in a row an account is locked for {@link #LOCK_FOR}; when the lock runs out the count starts again.
 * A console session ends when idle or old ({@link SessionLimits}).
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
    SecurityFilterChain consoleChain(HttpSecurity http, DialerSettings settings, Clock clock) throws Exception {
        SessionLimits limits = new SessionLimits(settings.console().idleTimeout(), settings.console().sessionLifetime(), clock);
        SimpleUrlAuthenticationSuccessHandler toCampaigns = new SimpleUrlAuthenticationSuccessHandler("/campaigns");
        toCampaigns.setAlwaysUseDefaultTargetUrl(true);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/console.css", "/console.js", "/error").permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(limits, SecurityContextHolderFilter.class)
                .formLogin(form -> form.loginPage("/login").permitAll().successHandler((request, response, user) -> {
                    limits.signedIn(request.getSession());
                    toCampaigns.onAuthenticationSuccess(request, response, user);
                }))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }

    @Bean
    AuthenticationProvider consoleSignIn(UserRepository users, PasswordEncoder passwordEncoder) {
        UserDetailsService details = username -> users.findByUsername(username)
                .map(user -> User.withUsername(user.username()).password(user.passwordHash()).roles(user.role().name()).build())
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(details);
        passwords.setPasswordEncoder(passwordEncoder);
        return new LimitedSignIn(users, passwords);
    }

    /**
     * Password sign-in with a limited number of wrong passwords: each attempt is counted as failed before its password
     * is checked ({@link UserRepository#reserveLoginAttempt}), so parallel guesses cannot outrun the limit; a right
     * password clears the count.
     */
    static final class LimitedSignIn implements AuthenticationProvider {
        private final UserRepository users;
        private final AuthenticationProvider passwords;

        LimitedSignIn(UserRepository users, AuthenticationProvider passwords) {
            this.users = users;
            this.passwords = passwords;
        }

        @Override
        public Authentication authenticate(Authentication attempt) {
            String username = attempt.getName();
            if (!users.reserveLoginAttempt(username, MAX_FAILED_LOGINS, LOCK_FOR) && users.findByUsername(username).isPresent()) {
                log.info("Refused console sign-in for locked user {}", username);
                throw new LockedException("The account is locked after " + MAX_FAILED_LOGINS + " wrong passwords.");
            }
            try {
                Authentication signedIn = passwords.authenticate(attempt);
                users.resetFailedLogins(username);
                return signedIn;
            } catch (AuthenticationException e) {
                log.info("Failed console sign-in for user {}", username);
                throw e;
            }
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return passwords.supports(authentication);
        }
    }
}
