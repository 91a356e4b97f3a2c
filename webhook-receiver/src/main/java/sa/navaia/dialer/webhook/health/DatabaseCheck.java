package sa.navaia.dialer.webhook.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import sa.navaia.dialer.webhook.ReceiverApplication.ReceiverDatabase;

/** Whether the receiver's database answers: the check behind {@code /healthz} and the readiness probe. */
final class DatabaseCheck {

    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private DatabaseCheck() {
    }

    /** Why the database is not usable now; empty when it answers. */
    static Optional<String> problem(ReceiverDatabase database) {
        try (Connection connection = database.dataSource().getConnection()) {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS) ? Optional.empty()
                    : Optional.of("the database connection did not validate within " + VALIDATION_TIMEOUT_SECONDS + " s");
        } catch (SQLException e) {
            return Optional.of("the database did not answer: " + e.getMessage());
        }
    }
}
