package sa.navaia.dialer.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * conversation id when register-call named it, else among the agent's conversations that started while the pass's
 * calls were connected (listed once a pass, each unknown one fetched once), the one whose
 * {@code metadata.phone_call.call_sid} is the leg the personalisation webhook recorded.
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
    /** Finished conversations that matched no session yet, by their leg's SID: at most this many remembered. */
    private static final int REMEMBERED = 10_000;
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
    private final Map<String, String> conversationByLeg = new HashMap<>();
    private final Map<String, String> legByConversation = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            if (size() > REMEMBERED) {
                conversationByLeg.remove(eldest.getValue());
                return true;
            }
            return false;
        }
    };

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
        Budget budget = new Budget(System.nanoTime() + PASS_BUDGET.toNanos());
        List<SweepRepository.Untranscribed> due = sweep.conversationsWithoutTranscript(now.minus(quietFor),
                now.minus(LOOK_BACK), batch);
        Map<String, List<SweepRepository.Untranscribed>> byLegAgent = new LinkedHashMap<>();
        for (SweepRepository.Untranscribed call : due) {
            if (budget.spent()) {
                break;
            }
            if (call.conversationId() != null) {
                budget.looked++;
                lookUp(call, budget, () -> conversations.get(call.conversationId()));
            } else {
                byLegAgent.computeIfAbsent(call.agentName(), name -> new ArrayList<>()).add(call);
            }
        }
        for (Map.Entry<String, List<SweepRepository.Untranscribed>> group : byLegAgent.entrySet()) {
            Optional<Agent> agent = agents.find(group.getKey());
            if (agent.isPresent()) {
                findByLeg(agent.get(), group.getValue(), budget);
            } else {
                budget.looked += group.getValue().size();
                budget.notYet += group.getValue().size();
                group.getValue().forEach(call -> sweep.touch(call.sessionId()));
            }
        }
        if (budget.spent()) {
            log.info("Sweeper: the transcript pass used its {} s; the rest waits for the next pass", PASS_BUDGET.toSeconds());
        }
        if (budget.looked > 0) {
            log.info("Sweeper: {} conversations without a transcript looked up at ElevenLabs: {} reconciled, {} not "
                    + "found or not finished, {} failed", budget.looked, budget.reconciled, budget.notYet, budget.failed);
        }
        return new Pass(budget.looked, budget.reconciled, budget.notYet, budget.failed);
    }

    /**
     * The agent's conversations are listed once for the whole group's window, and each one not yet known is fetched
     * once (its leg's SID is only in the conversation itself, not in the list): a busy window costs one request per
     * conversation, not one per conversation per session. A finished conversation that matches no session of this
     * pass is remembered by its leg, for a session that becomes due in a later pass.
     */
    private void findByLeg(Agent agent, List<SweepRepository.Untranscribed> calls, Budget budget)
            throws InterruptedException {
        Map<String, SweepRepository.Untranscribed> byLeg = new HashMap<>();
        Instant from = null;
        Instant to = null;
        for (SweepRepository.Untranscribed call : calls) {
            byLeg.put(call.agentCallSid(), call);
            Instant start = windowStart(call);
            from = from == null || start.isBefore(from) ? start : from;
            Instant end = call.endedAt().plus(MARGIN);
            to = to == null || end.isAfter(to) ? end : to;
        }
        budget.looked += calls.size();
        for (SweepRepository.Untranscribed call : calls) {
            String remembered = conversationByLeg.get(call.agentCallSid());
            if (remembered != null && !budget.spent()) {
                byLeg.remove(call.agentCallSid());
                lookUp(call, budget, () -> conversations.get(remembered));
            }
        }
        if (!byLeg.isEmpty() && !budget.spent()) {
            try {
                sleeper.sleep(pace);
                List<String> ids = conversations.idsBetween(agent.agentId(), from, to, batch,
                        id -> !legByConversation.containsKey(id) && !sweep.conversationKnown(id));
                for (String id : ids) {
                    if (byLeg.isEmpty() || budget.spent()) {
                        break;
                    }
                    sleeper.sleep(pace);
                    Optional<JsonNode> conversation = conversations.get(id);
                    if (conversation.isEmpty() || !"done".equals(conversation.get().path("status").asText())) {
                        continue;
                    }
                    String leg = conversation.get().path("metadata").path("phone_call").path("call_sid").asText(null);
                    SweepRepository.Untranscribed call = leg == null ? null : byLeg.remove(leg);
                    if (call != null) {
                        lookUp(call, budget, () -> conversation);
                    } else if (leg != null) {
                        conversationByLeg.put(leg, id);
                        legByConversation.put(id, leg);
                    }
                }
            } catch (IOException | RuntimeException e) {
                budget.failed += byLeg.size();
                log.warn("Sweeper: listing agent {}'s conversations at ElevenLabs failed: {}", agent.name(), e.toString());
                byLeg.values().forEach(call -> sweep.touch(call.sessionId()));
                return;
            }
        }
        budget.notYet += byLeg.size();
        byLeg.values().forEach(call -> sweep.touch(call.sessionId()));
    }

    /** The conversation started after the call was connected; the call's reported length widens the window for a
     * clock that is not the carrier's (the sandbox's scaled time), and the leg's SID decides anyway. */
    private static Instant windowStart(SweepRepository.Untranscribed call) {
        Instant from = call.endedAt().minusSeconds(call.durationSecs() == null ? 0 : call.durationSecs());
        if (call.connectedAt() != null && call.connectedAt().isBefore(from)) {
            from = call.connectedAt();
        }
        return from.minus(MARGIN);
    }

    private interface Lookup {
        Optional<JsonNode> conversation() throws IOException, InterruptedException;
    }

    private void lookUp(SweepRepository.Untranscribed call, Budget budget, Lookup lookup) throws InterruptedException {
        try {
            sleeper.sleep(pace);
            Optional<JsonNode> conversation = lookup.conversation();
            if (conversation.isPresent() && "done".equals(conversation.get().path("status").asText())) {
                reconcile(call, conversation.get());
                if (call.agentCallSid() != null) {
                    legByConversation.remove(conversationByLeg.remove(call.agentCallSid()));
                }
                budget.reconciled++;
            } else {
                budget.notYet++;
            }
        } catch (IOException | RuntimeException e) {
            budget.failed++;
            log.warn("Sweeper: asking ElevenLabs for the transcript of session {} failed: {}", call.sessionId(),
                    e.toString());
        }
        sweep.touch(call.sessionId());
    }

    /** What a pass has done so far, and when it must stop starting look-ups. */
    private static final class Budget {
        private final long deadline;
        private int looked;
        private int reconciled;
        private int notYet;
        private int failed;

        private Budget(long deadline) {
            this.deadline = deadline;
        }

        private boolean spent() {
            return System.nanoTime() - deadline > 0;
        }
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
