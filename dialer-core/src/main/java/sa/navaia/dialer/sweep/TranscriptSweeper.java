package sa.navaia.dialer.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.agent.Agent;
import sa.navaia.dialer.agent.Agents;
import sa.navaia.dialer.inbox.NewInboxMessage;
import sa.navaia.dialer.inbox.WebhookInboxRepository;
import sa.navaia.dialer.postcall.PostCallPayload;
import sa.navaia.dialer.postcall.PostCallReconciler;
import sa.navaia.dialer.ratelimit.Sleeper;

/**
 * Asks ElevenLabs for transcripts that never came (ElevenLabs never redelivers a post-call webhook): a call that
 * reached an agent and ended {@code quietFor} ago without a transcript is looked up in the conversations API: by its
 * conversation id when register-call named it, else among the agent's conversations that started while the call was
 * connected, the one whose {@code metadata.phone_call.call_sid} is the leg the personalisation webhook recorded.
 * A finished conversation goes through {@link PostCallReconciler}, the webhook's path, and into the inbox under the
 * webhook's own dedupe key (a late webhook is then a duplicate). At most {@code batch} sessions and
 * {@link #PASS_BUDGET} a pass, one request every {@code pace}; calls older than {@link #LOOK_BACK} are left alone.
 */
public final class TranscriptSweeper {

    /** What one pass did. */
    public record Pass(int looked, int reconciled, int notYet, int failed) {
    }

    static final Duration LOOK_BACK = Duration.ofHours(24);
    /** A pass stops starting look-ups after this long, so the job's next call sweep is not held up behind it. */
    static final Duration PASS_BUDGET = Duration.ofSeconds(30);
    /** How far around the call's connected and ended times a conversation's start may fall. */
    private static final Duration MARGIN = Duration.ofMinutes(2);
    private static final int MOST_CONVERSATIONS_A_SESSION = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(TranscriptSweeper.class);

    private final SweepRepository sweep;
    private final Agents agents;
    private final ElevenLabsConversations conversations;
    private final PostCallReconciler reconciler;
    private final WebhookInboxRepository inbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration quietFor;
    private final Duration pace;
    private final int batch;

    public TranscriptSweeper(javax.sql.DataSource dataSource, Agents agents, ElevenLabsConversations conversations,
                             PostCallReconciler reconciler, WebhookInboxRepository inbox, TransactionTemplate transactions,
                             Clock clock, Sleeper sleeper, Duration quietFor, Duration pace, int batch) {
        this.sweep = new SweepRepository(dataSource, clock);
        this.agents = agents;
        this.conversations = conversations;
        this.reconciler = reconciler;
        this.inbox = inbox;
        this.transactions = transactions;
        this.clock = clock;
        this.sleeper = sleeper;
        this.quietFor = quietFor;
        this.pace = pace;
        this.batch = batch;
    }

    public Pass sweep() throws InterruptedException {
        Instant now = clock.instant();
        int looked = 0;
        int reconciled = 0;
        int notYet = 0;
        int failed = 0;
        long deadline = System.nanoTime() + PASS_BUDGET.toNanos();
        for (SweepRepository.Untranscribed call : sweep.conversationsWithoutTranscript(now.minus(quietFor),
                now.minus(LOOK_BACK), batch)) {
            if (System.nanoTime() - deadline > 0) {
                log.info("Sweeper: the transcript pass used its {} s; the rest waits for the next pass",
                        PASS_BUDGET.toSeconds());
                break;
            }
            looked++;
            try {
                Optional<JsonNode> conversation = find(call);
                if (conversation.isPresent() && "done".equals(conversation.get().path("status").asText())) {
                    reconcile(call, conversation.get());
                    reconciled++;
                } else {
                    notYet++;
                }
            } catch (IOException | RuntimeException e) {
                failed++;
                log.warn("Sweeper: asking ElevenLabs for the transcript of session {} failed: {}", call.sessionId(),
                        e.toString());
            }
            sweep.touch(call.sessionId());
        }
        if (looked > 0) {
            log.info("Sweeper: {} conversations without a transcript looked up at ElevenLabs: {} reconciled, {} not "
                    + "found or not finished, {} failed", looked, reconciled, notYet, failed);
        }
        return new Pass(looked, reconciled, notYet, failed);
    }

    private Optional<JsonNode> find(SweepRepository.Untranscribed call) throws IOException, InterruptedException {
        if (call.conversationId() != null) {
            sleeper.sleep(pace);
            return conversations.get(call.conversationId());
        }
        Optional<Agent> agent = agents.find(call.agentName());
        if (agent.isEmpty() || call.agentCallSid() == null) {
            return Optional.empty();
        }
        // The conversation started after the call was connected; the call's reported length widens the window for a
        // clock that is not the carrier's (the sandbox's scaled time), and the leg's SID decides anyway.
        Instant from = call.endedAt().minusSeconds(call.durationSecs() == null ? 0 : call.durationSecs());
        if (call.connectedAt() != null && call.connectedAt().isBefore(from)) {
            from = call.connectedAt();
        }
        from = from.minus(MARGIN);
        sleeper.sleep(pace);
        List<String> ids = conversations.idsBetween(agent.get().agentId(), from, call.endedAt().plus(MARGIN),
                MOST_CONVERSATIONS_A_SESSION, id -> !sweep.conversationKnown(id));
        for (String id : ids) {
            sleeper.sleep(pace);
            Optional<JsonNode> conversation = conversations.get(id);
            if (conversation.isPresent() && call.agentCallSid().equals(
                    conversation.get().path("metadata").path("phone_call").path("call_sid").asText(null))) {
                return conversation;
            }
        }
        return Optional.empty();
    }

    private void reconcile(SweepRepository.Untranscribed call, JsonNode conversation) throws IOException {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", PostCallPayload.TRANSCRIPTION);
        payload.put("event_timestamp", clock.instant().getEpochSecond());
        payload.set("data", conversation);
        String body = JSON.writeValueAsString(payload);
        PostCallPayload parsed = PostCallPayload.parse(body);
        PostCallReconciler.Result result = transactions.execute(tx -> {
            inbox.storePending(new NewInboxMessage("elevenlabs", PostCallPayload.TRANSCRIPTION,
                    "elevenlabs:" + PostCallPayload.TRANSCRIPTION + ":" + parsed.conversationId(), call.sessionId(),
                    parsed.callSid().orElse(null), parsed.conversationId(), "/v1/convai/conversations/" + parsed.conversationId(),
                    "application/json", body)).ifPresent(message -> inbox.markProcessed(message.id()));
            return reconciler.reconcile(parsed);
        });
        log.info("Sweeper: the transcript of session {} never came; fetched conversation {} from ElevenLabs: {}",
                call.sessionId(), parsed.conversationId(), result.detail());
    }
}
