package sa.navaia.dialer.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.SqlTime;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.user.ConsoleUser;
import sa.navaia.dialer.user.Role;
import sa.navaia.dialer.user.UserRepository;

class ConsoleLoginIT {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void fiveWrongPasswordsLockTheAccountAndFormsNeedTheirCsrfToken(TestDatabase kind) throws Exception {
        try (TestDatabase.Migrated db = kind.create(); ConsoleServer server = new ConsoleServer(db, dataDir, Map.of())) {
            server.addUser("maria", PASSWORD, Role.CAMPAIGN_MANAGER);
            server.addUser("olga", PASSWORD, Role.ADMIN);
            HttpClient browser = ConsoleServer.browser();

            HttpResponse<String> page = get(browser, server, "/campaigns");
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
            assertThat(post(browser, server, "/login", Map.of("username", "olga", "password", PASSWORD), false).statusCode())
                    .as("a sign-in without its CSRF token").isEqualTo(403);

            HttpResponse<String> signedIn = post(browser, server, "/login", Map.of("username", "olga", "password", PASSWORD), true);
            assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/campaigns"));
            assertThat(get(browser, server, "/campaigns").body()).contains("No campaigns yet");
            HttpResponse<String> invalid = post(browser, server, "/campaigns",
                    Map.of("name", "Renewals", "window", "9 to 5", "agent", "support"), true);
            assertThat(invalid.statusCode()).isEqualTo(200);
            assertThat(invalid.body()).contains("Calling window (recipient&#39;s local time) must be two times of day as"
                    + " HH:MM-HH:MM, like 08:00-21:00; got &quot;9 to 5&quot;.");
            HttpResponse<String> created = post(browser, server, "/campaigns", Map.of("name", "Renewals", "agent", "support"), true);
            assertThat(created.statusCode()).isEqualTo(302);
            assertThat(get(browser, server, "/audit").body()).contains("campaign.create").contains("olga");
            String campaignPath = created.headers().firstValue("Location").orElseThrow()
                    .replaceAll("^https?://[^/]+", "").replaceAll("/import$", "");
            assertThat(post(browser, server, campaignPath + "/cancel", Map.of(), false).statusCode())
                    .as("a signed-in action without its CSRF token").isEqualTo(403);
            assertThat(post(browser, server, campaignPath + "/cancel", Map.of(), true).statusCode()).isEqualTo(302);
            HttpResponse<String> editEnded = post(browser, server, campaignPath, Map.of("name", "Renewals", "agent", "support"), true);
            assertThat(editEnded.statusCode()).as("editing a cancelled campaign").isIn(400, 409);
            assertThat(editEnded.body()).contains("role=\"alert\"").contains("cancelled");

            HttpClient attacker = ConsoleServer.browser();
            for (int i = 0; i < ConsoleSecurity.MAX_FAILED_LOGINS; i++) {
                HttpResponse<String> wrong = post(attacker, server, "/login", Map.of("username", "maria", "password", "guess" + i), true);
                assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
            }
            assertThat(server.context.getBean(UserRepository.class).findByUsername("maria").orElseThrow().lockedUntil()).isPresent();
            HttpResponse<String> locked = post(ConsoleServer.browser(), server, "/login",
                    Map.of("username", "maria", "password", PASSWORD), true);
            assertThat(locked.headers().firstValue("Location")).as("even the right password, while locked")
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void parallelWrongPasswordsCountNoMoreThanTheLimitAndAnExpiredLockStartsTheCountAgain(TestDatabase kind) throws Exception {
        try (TestDatabase.Migrated db = kind.create(); ConsoleServer server = new ConsoleServer(db, dataDir, Map.of())) {
            server.addUser("maria", PASSWORD, Role.CAMPAIGN_MANAGER);
            UserRepository users = server.context.getBean(UserRepository.class);
            int attempts = 4 * ConsoleSecurity.MAX_FAILED_LOGINS;
            List<HttpClient> attackers = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                HttpClient attacker = ConsoleServer.browser();
                attackers.add(attacker);
                tokens.add(csrfToken(attacker, server));
            }
            ExecutorService pool = Executors.newFixedThreadPool(attempts);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> responses = new ArrayList<>();
                for (int i = 0; i < attempts; i++) {
                    int n = i;
                    responses.add(pool.submit(() -> {
                        go.await();
                        return postForm(attackers.get(n), server, "/login", tokens.get(n), Map.of("username", "maria", "password", "guess" + n));
                    }));
                }
                go.countDown();
                for (Future<HttpResponse<String>> response : responses) {
                    assertThat(response.get().headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
                }
            } finally {
                pool.shutdownNow();
            }
            ConsoleUser locked = users.findByUsername("maria").orElseThrow();
            assertThat(locked.failedLogins()).as("wrong passwords counted (each checked)").isEqualTo(ConsoleSecurity.MAX_FAILED_LOGINS);
            assertThat(locked.lockedUntil()).isPresent();

            JdbcClient.create(server.context.getBean(DataSource.class))
                    .sql("UPDATE console_users SET locked_until = :past WHERE username = 'maria'")
                    .param("past", SqlTime.utc(Instant.now().minus(Duration.ofMinutes(1)))).update();
            HttpClient afterLock = ConsoleServer.browser();
            assertThat(post(afterLock, server, "/login", Map.of("username", "maria", "password", "one more guess"), true)
                    .headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
            ConsoleUser expired = users.findByUsername("maria").orElseThrow();
            assertThat(expired.failedLogins()).as("the count starts again once the lock has run out").isEqualTo(1);
            assertThat(expired.lockedUntil()).isEmpty();
            assertThat(post(afterLock, server, "/login", Map.of("username", "maria", "password", PASSWORD), true)
                    .headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/campaigns"));
            assertThat(users.findByUsername("maria").orElseThrow().failedLogins()).isZero();
        }
    }

    static String csrfToken(HttpClient client, ConsoleServer server) throws IOException, InterruptedException {
        Matcher token = CSRF.matcher(get(client, server, "/login").body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    static HttpResponse<String> get(HttpClient client, ConsoleServer server, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(server.base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form as the browser would, with the CSRF token of the login page (the session's token) when asked. */
    static HttpResponse<String> post(HttpClient client, ConsoleServer server, String path, Map<String, String> fields,
                                     boolean withCsrf) throws IOException, InterruptedException {
        return postForm(client, server, path, withCsrf ? csrfToken(client, server) : null, fields);
    }

    static HttpResponse<String> postForm(HttpClient client, ConsoleServer server, String path, String csrfToken,
                                         Map<String, String> fields) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        if (csrfToken != null) {
            body.append("_csrf=").append(URLEncoder.encode(csrfToken, StandardCharsets.UTF_8));
        }
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return client.send(HttpRequest.newBuilder(server.base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
