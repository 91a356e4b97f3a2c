package sa.navaia.dialer.user;

import java.time.Instant;
import java.util.Optional;

/** A person who signs in to the console, or on whose behalf an API token acts. */
public record ConsoleUser(long id, String username, String passwordHash, Role role, int failedLogins,
                          Optional<Instant> lockedUntil, Instant createdAt) {

    public boolean lockedAt(Instant now) {
        return lockedUntil.map(now::isBefore).orElse(false);
    }
}
