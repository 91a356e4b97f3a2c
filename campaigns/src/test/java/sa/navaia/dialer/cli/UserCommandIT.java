package sa.navaia.dialer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.user.ApiTokenRepository;
import sa.navaia.dialer.user.ConsoleUser;
import sa.navaia.dialer.user.UserRepository;

/** {@code dialer user} as an operator runs it: the packaged CLI, a real process, on the embedded database. */
class UserCommandIT {

    @TempDir
    Path workDir;

    @Test
    void theFirstAdminComesFromTheCommandLineWithAHashedPasswordAndATokenShownOnce() throws Exception {
        LauncherIT.run(workDir, Map.of(), "migrate");

        LauncherIT.Run shortPassword = LauncherIT.run(workDir, Map.of(), "user", "add", "--name", "olga", "--role", "admin",
                "--password", "secret");
        LauncherIT.Run badRole = LauncherIT.run(workDir, Map.of(), "user", "add", "--name", "olga", "--role", "boss",
                "--password", "a long enough passphrase");
        LauncherIT.Run added = LauncherIT.run(workDir, Map.of(), "user", "add", "--name", "olga", "--role", "admin",
                "--password", "a long enough passphrase");
        LauncherIT.Run token = LauncherIT.run(workDir, Map.of(), "user", "token", "--user", "olga", "--name", "crm-sync");

        assertThat(shortPassword.exitCode()).isNotZero();
        assertThat(shortPassword.err()).contains("--password must be at least 12 characters");
        assertThat(badRole.err()).contains("The role must be one of admin, campaign_manager, compliance; got \"boss\".");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("User olga (admin) added");
        assertThat(token.exitCode()).as(token.err()).isZero();
        String printed = token.out().strip();
        assertThat(printed).startsWith("dlr_");

        var database = SettingsLoader.load(Map.of("DIALER_DATA_DIR", workDir.resolve("data").toString()),
                workDir.resolve("none.env")).database();
        try (HikariDataSource dataSource = DataSources.create(database, "test")) {
            ConsoleUser olga = new UserRepository(dataSource, Clock.systemUTC()).findByUsername("olga").orElseThrow();
            assertThat(olga.passwordHash()).startsWith("{bcrypt}").doesNotContain("passphrase");
            assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
                    .matches("a long enough passphrase", olga.passwordHash())).isTrue();
            assertThat(new ApiTokenRepository(dataSource, Clock.systemUTC()).userOf(printed)).contains(olga);
            assertThat(new java.util.Scanner(workDir.resolve("data/dialer.mv.db")).findWithinHorizon(printed, 0))
                    .as("the token itself is not stored").isNull();
            assertThat(new AuditLog(dataSource, Clock.systemUTC()).page(null, null, 10, 0))
                    .extracting(e -> e.action() + " " + e.target()).containsExactly("token.create user olga", "user.add user olga");
        }

        // A leaked token is revoked, a forgotten password set anew (which unlocks), by id from the list.
        LauncherIT.Run listed = LauncherIT.run(workDir, Map.of(), "user", "tokens", "--user", "olga");
        assertThat(listed.out()).contains("crm-sync").contains("last used").doesNotContain("dlr_");
        String tokenId = listed.out().strip().split("\\s+")[0];
        LauncherIT.Run revoked = LauncherIT.run(workDir, Map.of(), "user", "revoke", "--user", "olga", "--token", tokenId);
        LauncherIT.Run again = LauncherIT.run(workDir, Map.of(), "user", "revoke", "--user", "olga", "--token", tokenId);
        LauncherIT.Run password = LauncherIT.run(workDir, Map.of(), "user", "password", "--name", "olga",
                "--password", " a new passphrase with outer spaces ");
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(again.err()).contains("olga has no token " + tokenId + " that is not revoked already");
        assertThat(password.exitCode()).as(password.err()).isZero();
        try (HikariDataSource dataSource = DataSources.create(database, "test")) {
            assertThat(new ApiTokenRepository(dataSource, Clock.systemUTC()).userOf(printed)).as("revoked").isEmpty();
            ConsoleUser olga = new UserRepository(dataSource, Clock.systemUTC()).findByUsername("olga").orElseThrow();
            assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
                    .matches(" a new passphrase with outer spaces ", olga.passwordHash())).as("as typed").isTrue();
            assertThat(new AuditLog(dataSource, Clock.systemUTC()).page(null, null, 10, 0))
                    .extracting(e -> e.action()).startsWith("user.password", "token.revoke");
        }
    }
}
