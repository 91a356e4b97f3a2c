package sa.navaia.dialer.webhook.postcall;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.inbox.NewInboxMessage;
import sa.navaia.dialer.postcall.MalformedPayloadException;
import sa.navaia.dialer.postcall.PostCallPayload;
import sa.navaia.dialer.webhook.inbox.InboxService;

/**
 * ElevenLabs' post-call webhook. The signature is checked first ({@code ElevenLabsSignatureFilter}); a
 * body that cannot be read is refused with {@code 400} before anything is stored; a readable one is
 * stored and answered {@code 200}, then reconciled.
 */
@Controller("/voice")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PostCallController {

    static final String SOURCE = "elevenlabs";
    private static final Logger log = LoggerFactory.getLogger(PostCallController.class);

    private final InboxService inbox;

    PostCallController(InboxService inbox) {
        this.inbox = inbox;
    }

    @Post(uri = "/post_call", consumes = MediaType.ALL)
    HttpResponse<Map<String, String>> postCall(HttpRequest<?> request, @Nullable @Body byte[] body) {
        log.info("📡 WEBHOOK RECEIVED: /voice/post_call");
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        PostCallPayload payload;
        try {
            payload = PostCallPayload.parse(text);
        } catch (MalformedPayloadException e) {
            log.warn("Post-call payload refused: {}", e.getMessage());
            return HttpResponse.badRequest(Map.of("error", e.getMessage()));
        }
        var receipt = inbox.receive(new NewInboxMessage(SOURCE, payload.type(),
                "elevenlabs:" + payload.type() + ":" + payload.conversationId(), payload.sessionIdVariable().orElse(null),
                payload.callSid().orElse(null), payload.conversationId(), request.getPath(),
                request.getContentType().map(MediaType::toString).orElse(null), text));
        return HttpResponse.ok(Map.of("status", receipt.name().toLowerCase(java.util.Locale.ROOT)));
    }
}
