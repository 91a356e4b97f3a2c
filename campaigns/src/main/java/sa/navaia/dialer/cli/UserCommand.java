package sa.navaia.dialer.cli;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.user.ApiTokenRepository;
import sa.navaia.dialer.user.ConsoleUser;
import sa.navaia.dialer.user.Role;
import sa.navaia.dialer.user.UserRepository;

@Command(name = "user", description = "Add console users (the first admin comes from here), list them, and make API tokens.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Token.class})
final class UserCommand implements Runnable {

    /** Who the audit log says acted, for changes made from the command line. */
    static final String CLI_ACTOR = "cli:" + System.getProperty("user.name", "operator");
    static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_PASSWORD_BYTES = 72;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static <T> T withDatabase(Function<DataSource, T> work) {
        DialerSettings settings = SettingsLoader.fromEnvironment();
        try (HikariDataSource dataSource = DataSources.create(settings.database(), "cli")) {
            return work.apply(dataSource);
        }
    }

    @Command(name = "add", description = "Add a user who signs in to the console with a password (asked for, or read from stdin).")
    static final class Add implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "User name: letters, digits, . _ - @.")
        String name;
        @Option(names = "--role", required = true, description = "admin, campaign_manager or compliance.")
        String role;
        @Option(names = "--password", interactive = true, arity = "0..1", required = true,
                description = "The password, at least " + MIN_PASSWORD_LENGTH + " characters; asked for when not given.")
        char[] password;

        @Override
        public Integer call() {
            Role parsed = Role.fromCode(role);
            // Not stripped: the sign-in form does not strip what is typed either.
            String text = new String(password);
            if (text.codePointCount(0, text.length()) < MIN_PASSWORD_LENGTH) {
                throw new IllegalArgumentException("--password must be at least " + MIN_PASSWORD_LENGTH
                        + " characters; a passphrase of a few words is easy to remember.");
            }
            if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
                throw new IllegalArgumentException("--password must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8"
                        + " (bcrypt reads no further); this one is " + text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + ".");
            }
            String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(text);
            ConsoleUser user = withDatabase(dataSource -> {
                ConsoleUser created = new UserRepository(dataSource, Clock.systemUTC()).create(name, hash, parsed);
                new AuditLog(dataSource, Clock.systemUTC()).record(CLI_ACTOR, "user.add", "user " + created.username(),
                        "role " + parsed.code());
                return created;
            });
            System.out.println("User " + user.username() + " (" + user.role().code() + ") added; they sign in to the console"
                    + " at the worker's DIALER_CONSOLE_PORT.");
            return 0;
        }
    }

    @Command(name = "list", description = "List the users and their roles.")
    static final class ListUsers implements Callable<Integer> {
        @Override
        public Integer call() {
            List<ConsoleUser> users = withDatabase(dataSource -> new UserRepository(dataSource, Clock.systemUTC()).findAll());
            if (users.isEmpty()) {
                System.out.println("No users yet; add the first admin with 'ops/dialer user add --name NAME --role admin'.");
            }
            users.forEach(u -> System.out.printf(Locale.ROOT, "%-30s %-17s%s%n", u.username(), u.role().code(),
                    u.lockedAt(Clock.systemUTC().instant()) ? " locked until " + u.lockedUntil().orElseThrow() : ""));
            return 0;
        }
    }

    @Command(name = "token", description = "Make an API token acting as a user; it is printed once and only its hash is kept.")
    static final class Token implements Callable<Integer> {
        @Option(names = "--user", required = true, description = "The user the token acts as (its role applies).")
        String user;
        @Option(names = "--name", required = true, description = "Who uses the token, like crm-sync.")
        String tokenName;

        @Override
        public Integer call() {
            ApiTokenRepository.NewApiToken token = withDatabase(dataSource -> {
                ConsoleUser owner = new UserRepository(dataSource, Clock.systemUTC()).findByUsername(user)
                        .orElseThrow(() -> new IllegalArgumentException("There is no user named \"" + user
                                + "\"; 'ops/dialer user list' shows them."));
                ApiTokenRepository.NewApiToken made = new ApiTokenRepository(dataSource, Clock.systemUTC())
                        .create(owner.id(), tokenName);
                new AuditLog(dataSource, Clock.systemUTC()).record(CLI_ACTOR, "token.create", "user " + owner.username(),
                        "token " + made.name());
                return made;
            });
            System.out.println(token.token());
            System.err.println("API token \"" + token.name() + "\" for " + user + ": send it as 'Authorization: Bearer <token>'."
                    + " It is shown only now; keep it in a secret store.");
            return 0;
        }
    }
}
