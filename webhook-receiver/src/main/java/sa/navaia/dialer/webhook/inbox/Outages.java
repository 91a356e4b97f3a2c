package sa.navaia.dialer.webhook.inbox;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Which failures mean "the database is away or too slow now" (it may take the same payload later), as opposed to a
 * payload the database refuses (it never will).
 */
public final class Outages {

    private Outages() {
    }

    public static boolean isOutage(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
                || cause instanceof RecoverableDataAccessException || cause instanceof CannotCreateTransactionException
                || cause instanceof TimeoutException || cause instanceof RejectedExecutionException
                || cause instanceof InboxBusyException;
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
