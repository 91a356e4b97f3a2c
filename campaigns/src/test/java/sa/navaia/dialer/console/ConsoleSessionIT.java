package sa.navaia.dialer.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.user.Role;

class ConsoleSessionIT {

    @TempDir
    Path dataDir;

    @Test
    void forwardedHeadersAreIgnoredUnlessThePeerIsATrustedProxy() throws Exception {
        try (TestDatabase.Migrated db = TestDatabase.H2.create();
             ConsoleServer direct = new ConsoleServer(db, dataDir, Map.of("DIALER_METRICS_PORT", "0"));
             ConsoleServer proxied = new ConsoleServer(db, dataDir, Map.of("DIALER_METRICS_PORT", "0", "DIALER_TRUSTED_PROXIES", "127.0.0.1"))) {
            assertThat(sessionCookieThroughTls(direct)).as("X-Forwarded-Proto from an untrusted peer").doesNotContain("Secure");
            assertThat(sessionCookieThroughTls(proxied)).as("X-Forwarded-Proto from a trusted proxy").contains("Secure");
        }
    }

    @Test
    void aSignedInSessionEndsWhenIdleTooLongOrOlderThanItsLifetime() throws Exception {
        try (TestDatabase.Migrated db = TestDatabase.H2.create(); ConsoleServer server = new ConsoleServer(db, dataDir,
                Map.of("DIALER_CONSOLE_IDLE_TIMEOUT", "10m", "DIALER_CONSOLE_SESSION_LIFETIME", "1h"))) {
            server.addUser("olga", ConsoleLoginIT.PASSWORD, Role.ADMIN);
            HttpClient browser = signedIn(server);

            rewind(server, SessionLimits.LAST_SEEN, Duration.ofMinutes(9));
            assertThat(ConsoleLoginIT.get(browser, server, "/campaigns").statusCode()).as("idle 9 of 10 minutes").isEqualTo(200);
            rewind(server, SessionLimits.LAST_SEEN, Duration.ofMinutes(11));
            assertRedirectedToSignIn(ConsoleLoginIT.get(browser, server, "/campaigns"));

            browser = signedIn(server);
            rewind(server, SessionLimits.SIGNED_IN_AT, Duration.ofMinutes(59));
            assertThat(ConsoleLoginIT.get(browser, server, "/campaigns").statusCode()).as("59 minutes after sign-in").isEqualTo(200);
            rewind(server, SessionLimits.SIGNED_IN_AT, Duration.ofMinutes(61));
            assertRedirectedToSignIn(ConsoleLoginIT.get(browser, server, "/campaigns"));
        }
    }

    private static String sessionCookieThroughTls(ConsoleServer server) throws Exception {
        HttpResponse<String> login = server.http.send(HttpRequest.newBuilder(server.base.resolve("/login"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.9").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        return login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
    }

    private static HttpClient signedIn(ConsoleServer server) throws Exception {
        HttpClient browser = ConsoleServer.browser();
        HttpResponse<String> signIn = ConsoleLoginIT.post(browser, server, "/login",
                Map.of("username", "olga", "password", ConsoleLoginIT.PASSWORD), true);
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/campaigns"));
        assertThat(ConsoleLoginIT.get(browser, server, "/campaigns").statusCode()).isEqualTo(200);
        return browser;
    }

    private static void assertRedirectedToSignIn(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    /** Moves a time kept in every signed-in session back, as if that much time had passed since. */
    private static void rewind(ConsoleServer server, String attribute, Duration ago) {
        TomcatWebServer tomcat = (TomcatWebServer) ((WebServerApplicationContext) server.context).getWebServer();
        Context console = (Context) tomcat.getTomcat().getHost().findChildren()[0];
        for (Session session : console.getManager().findSessions()) {
            if (session.getSession().getAttribute(SessionLimits.SIGNED_IN_AT) != null) {
                session.getSession().setAttribute(attribute, Instant.now().minus(ago));
            }
        }
    }
}
