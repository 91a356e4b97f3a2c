package sa.navaia.dialer.webhook.postcall;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.inbox.InboxMessage;
import sa.navaia.dialer.postcall.PostCallPayload;
import sa.navaia.dialer.postcall.PostCallReconciler;
import sa.navaia.dialer.webhook.inbox.InboxHandler;

/** Reconciles stored ElevenLabs payloads with their sessions; one that matches nothing stays {@code unmatched}. */
@Singleton
final class PostCallHandler implements InboxHandler {

    private static final Logger log = LoggerFactory.getLogger(PostCallHandler.class);

    private final PostCallReconciler reconciler;

    PostCallHandler(PostCallReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public boolean handles(String source, String eventType) {
        return PostCallController.SOURCE.equals(source);
    }

    @Override
    public Applied apply(InboxMessage message) {
        PostCallReconciler.Result result = reconciler.reconcile(PostCallPayload.parse(message.body()));
        if (!result.matched()) {
            return Applied.unmatched(result.detail());
        }
        log.info("✅ Session {} completed successfully ({}: {})", result.session().get().id(), message.eventType(),
                result.detail());
        return Applied.done(result.detail());
    }
}
