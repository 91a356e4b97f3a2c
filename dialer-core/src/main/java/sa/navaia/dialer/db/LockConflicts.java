package sa.navaia.dialer.db;

import java.util.function.Supplier;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * MySQL picks a deadlock victim when two transactions lock the same rows in different orders (the
 * dialer recording a call SID while the receiver applies that call's callback). The victim's
 * transaction was rolled back whole, so running it again is safe for work that is idempotent.
 */
public final class LockConflicts {

    private static final int ATTEMPTS = 5;

    private LockConflicts() {
    }

    public static <T> T retry(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(10L * attempt * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
