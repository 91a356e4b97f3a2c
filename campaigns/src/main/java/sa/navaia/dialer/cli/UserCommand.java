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
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.user.ApiTokenRepository;
import sa.navaia.dialer.user.ConsoleUser;
import sa.navaia.dialer.user.Role;
import sa.navaia.dialer.user.UserRepository;

@Command(name = "user", description = "Add console users (the first admin comes from here), list them, set their passwords,"
        + " unlock them, and make, list and revoke API tokens.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Password.class, UserCommand.Unlock.class,
                UserCommand.Token.class, UserCommand.Tokens.class, UserCommand.Revoke.class})
final class UserCommand implements Runnable {

    static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_PASSWORD_BYTES = 72;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
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
            String hash = hashed(password);
            ConsoleUser user = PostCallCommand.withDatabase(dataSource -> {
                ConsoleUser created = new UserRepository(dataSource, Clock.systemUTC()).create(name, hash, parsed);
                CliAudit.record(dataSource, "user.add", "user " + created.username(),
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
            List<ConsoleUser> users = PostCallCommand.withDatabase(dataSource -> new UserRepository(dataSource, Clock.systemUTC()).findAll());
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
            ApiTokenRepository.NewApiToken token = PostCallCommand.withDatabase(dataSource -> {
                ConsoleUser owner = new UserRepository(dataSource, Clock.systemUTC()).findByUsername(user)
                        .orElseThrow(() -> new IllegalArgumentException("There is no user named \"" + user
                                + "\"; 'ops/dialer user list' shows them."));
                ApiTokenRepository.NewApiToken made = new ApiTokenRepository(dataSource, Clock.systemUTC())
                        .create(owner.id(), tokenName);
                CliAudit.record(dataSource, "token.create", "user " + owner.username(),
                        "token " + made.name());
                return made;
            });
            System.out.println(token.token());
            System.err.println("API token \"" + token.name() + "\" for " + user + ": send it as 'Authorization: Bearer <token>'."
                    + " It is shown only now; keep it in a secret store.");
            return 0;
        }
    }

    @Command(name = "password", description = "Set a user's password (asked for when not given); it also unlocks them.")
    static final class Password implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "The user.")
        String name;
        @Option(names = "--password", interactive = true, arity = "0..1", required = true,
                description = "The new password, at least " + MIN_PASSWORD_LENGTH + " characters; asked for when not given.")
        char[] password;

        @Override
        public Integer call() {
            String hash = hashed(password);
            PostCallCommand.withDatabase(dataSource -> {
                UserRepository users = new UserRepository(dataSource, Clock.systemUTC());
                if (!users.setPassword(name, hash)) {
                    throw noSuchUser(name);
                }
                users.resetFailedLogins(name);
                CliAudit.record(dataSource, "user.password", "user " + name, "");
                return null;
            });
            System.out.println("Password of " + name + " set; they may sign in with it now.");
            return 0;
        }
    }

    @Command(name = "unlock", description = "Unlock a user whom failed sign-ins locked out.")
    static final class Unlock implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "The user.")
        String name;

        @Override
        public Integer call() {
            PostCallCommand.withDatabase(dataSource -> {
                UserRepository users = new UserRepository(dataSource, Clock.systemUTC());
                users.findByUsername(name).orElseThrow(() -> noSuchUser(name));
                users.resetFailedLogins(name);
                CliAudit.record(dataSource, "user.unlock", "user " + name, "");
                return null;
            });
            System.out.println(name + " is unlocked.");
            return 0;
        }
    }

    @Command(name = "tokens", description = "List a user's API tokens (never the tokens themselves).")
    static final class Tokens implements Callable<Integer> {
        @Option(names = "--user", required = true, description = "The user the tokens act as.")
        String user;

        @Override
        public Integer call() {
            List<ApiTokenRepository.ApiToken> tokens = PostCallCommand.withDatabase(dataSource -> new ApiTokenRepository(dataSource,
                    Clock.systemUTC()).list(new UserRepository(dataSource, Clock.systemUTC()).findByUsername(user)
                    .orElseThrow(() -> noSuchUser(user)).id()));
            if (tokens.isEmpty()) {
                System.out.println(user + " has no API tokens.");
            }
            tokens.forEach(t -> System.out.printf(Locale.ROOT, "%-6d %-30s made %s, last used %s%s%n", t.id(), t.name(),
                    t.createdAt(), t.lastUsedAt().map(Object::toString).orElse("never"), t.revoked() ? ", REVOKED" : ""));
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke one of a user's API tokens at once (its id from 'user tokens').")
    static final class Revoke implements Callable<Integer> {
        @Option(names = "--user", required = true, description = "The user the token acts as.")
        String user;
        @Option(names = "--token", required = true, description = "The token's id, from 'ops/dialer user tokens --user NAME'.")
        long tokenId;

        @Override
        public Integer call() {
            PostCallCommand.withDatabase(dataSource -> {
                ConsoleUser owner = new UserRepository(dataSource, Clock.systemUTC()).findByUsername(user)
                        .orElseThrow(() -> noSuchUser(user));
                if (!new ApiTokenRepository(dataSource, Clock.systemUTC()).revoke(owner.id(), tokenId)) {
                    throw new IllegalArgumentException(user + " has no token " + tokenId + " that is not revoked already;"
                            + " 'ops/dialer user tokens --user " + user + "' lists them.");
                }
                CliAudit.record(dataSource, "token.revoke", "user " + user, "token " + tokenId);
                return null;
            });
            System.out.println("Token " + tokenId + " of " + user + " is revoked; requests with it are refused from now on.");
            return 0;
        }
    }

    /** The password as typed (not stripped: the sign-in form does not strip either), checked and hashed. */
    private static String hashed(char[] password) {
        String text = new String(password);
        if (text.codePointCount(0, text.length()) < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("--password must be at least " + MIN_PASSWORD_LENGTH
                    + " characters; a passphrase of a few words is easy to remember.");
        }
        int bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("--password must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8"
                    + " (bcrypt reads no further); this one is " + bytes + ".");
        }
        return PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(text);
    }

    private static IllegalArgumentException noSuchUser(String name) {
        return new IllegalArgumentException("There is no user named \"" + name + "\"; 'ops/dialer user list' shows them.");
    }
}
