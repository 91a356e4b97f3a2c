package sa.navaia.dialer.sandbox;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** The live state of one call; every transition is synchronized, snapshots go to the ledger. */
final class SimulatedCall {

    private final String sid;
    private final CallRequest request;
    private final int attempt;
    private final boolean scripted;
    private final CallPlan plan;
    private final Instant receivedAt;

    private Instant startedAt;
    private Instant endedAt;
    private String status = "queued";
    private String answeredBy;
    private int durationSeconds;
    private boolean reachedAgent;
    private String dialTarget;
    private String agentId;
    private String agentCallSid;
    private AgentSession agentSession;
    private java.util.Map<String, Object> agentContext;
    private String sessionId;
    private String conversationId;
    private int nextSequenceNumber;
    private int callbacksEmitted;
    private int duplicatedCallbacks;
    private int reorderedCallbacks;
    private int failedDeliveries;
    private int failedAgentWebhooks;
    private boolean settled;
    private int droppedCallbacks;
    private int webhookRetries;
    private Long machineDetectionMillis;
    private Integer errorCode;
    private boolean fallbackUsed;
    private String agentLegStatus;
    private final java.util.List<String> heard = new java.util.ArrayList<>();
    private final java.util.List<String> keysPressed = new java.util.ArrayList<>();
    private String conversationStatus;
    private final java.util.List<CompletableFuture<?>> deliveries = new java.util.ArrayList<>();

    SimulatedCall(String sid, CallRequest request, int attempt, boolean scripted, CallPlan plan, Instant receivedAt) {
        this.sid = sid;
        this.request = request;
        this.attempt = attempt;
        this.scripted = scripted;
        this.plan = plan;
        this.receivedAt = receivedAt;
    }

    String sid() {
        return sid;
    }

    CallRequest request() {
        return request;
    }

    int attempt() {
        return attempt;
    }

    CallPlan plan() {
        return plan;
    }

    Instant receivedAt() {
        return receivedAt;
    }

    synchronized void started(Instant at) {
        startedAt = at;
    }

    synchronized void status(String newStatus) {
        status = newStatus;
    }

    synchronized String status() {
        return status;
    }

    synchronized void answered() {
        status = "in-progress";
    }

    /** Answering machine detection ended: {@code AnsweredBy} and {@code MachineDetectionDuration}. */
    synchronized void detected(String by, long millis) {
        answeredBy = by;
        machineDetectionMillis = millis;
    }

    synchronized void droppedCallback() {
        droppedCallbacks++;
    }

    synchronized void retried(int retries) {
        webhookRetries += retries;
    }

    synchronized void applicationError(int code, boolean fallback) {
        if (errorCode == null) {
            errorCode = code;
        }
        fallbackUsed |= fallback;
    }

    /** What the callee heard said by the TwiML ({@code <Say>}), in order. */
    synchronized void heard(java.util.List<String> says) {
        heard.addAll(says);
    }

    /** The keys the callee pressed at a {@code <Gather>} (one entry per {@code <Gather>} that took any). */
    synchronized void pressed(String keys) {
        keysPressed.add(keys);
    }

    synchronized void agentLeg(String dialCallStatus) {
        agentLegStatus = dialCallStatus;
    }

    synchronized boolean ended() {
        return endedAt != null;
    }

    /** ElevenLabs' status of the conversation: {@code in-progress}, {@code processing}, {@code done}, {@code failed}. */
    synchronized void conversationStatus(String status) {
        conversationStatus = status;
    }

    synchronized String conversationStatus() {
        return conversationStatus;
    }

    synchronized String answeredBy() {
        return answeredBy;
    }

    /** TwiML {@code <Dial>}ed {@code target}; {@code agent} and {@code leg} are set when it is an agent's number. */
    synchronized void dialed(String target, Agent agent, String leg, String session) {
        dialTarget = target;
        agentId = agent == null ? null : agent.id();
        agentCallSid = leg;
        sessionId = session;
    }

    /** TwiML connected the call itself to a registered agent over a media stream. */
    synchronized void connected(Agent agent, String session) {
        agentId = agent.id();
        agentCallSid = sid;
        sessionId = session;
    }

    synchronized void conversationStarted(AgentSession session, String conversation) {
        agentSession = session;
        agentContext = session.ledgerContext();
        conversationId = conversation;
        reachedAgent = true;
        conversationStatus = "in-progress";
    }

    synchronized void agentRefused(java.util.Map<String, Object> context) {
        agentContext = context;
    }

    synchronized AgentSession agentSession() {
        return agentSession;
    }

    synchronized String agentCallSid() {
        return agentCallSid;
    }

    synchronized boolean reachedAgent() {
        return reachedAgent;
    }

    synchronized String conversationId() {
        return conversationId;
    }

    synchronized void ended(Instant at, String finalStatus, int seconds) {
        endedAt = at;
        status = finalStatus;
        durationSeconds = seconds;
    }

    synchronized int nextSequenceNumber() {
        callbacksEmitted++;
        return nextSequenceNumber++;
    }

    synchronized void duplicated() {
        duplicatedCallbacks++;
    }

    synchronized void reordered() {
        reorderedCallbacks++;
    }

    synchronized void deliveryFailed() {
        failedDeliveries++;
    }

    synchronized void agentWebhookFailed() {
        failedAgentWebhooks++;
    }

    synchronized void settled() {
        settled = true;
    }

    /** Remembers a webhook in flight about this call: the call settles once every one is delivered or given up. */
    synchronized void track(CompletableFuture<?> delivery) {
        deliveries.add(delivery.handle((ignored, error) -> null));
    }

    /** Completes once every webhook tracked so far is delivered or given up. */
    synchronized CompletableFuture<Void> deliveries() {
        return CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new));
    }

    private String conversationIntent() {
        return plan.outcome().isMachine() ? Conversation.NO_INTENT.intent() : plan.conversation().intent();
    }

    synchronized LedgerEntry snapshot() {
        long queueTime = startedAt == null ? 0 : Math.max(0, startedAt.toEpochMilli() - receivedAt.toEpochMilli());
        return new LedgerEntry(receivedAt, sid, request.to(), request.from(), attempt, scripted,
                plan.outcome(), plan.conversation(), queueTime, startedAt, endedAt, status, answeredBy,
                durationSeconds, reachedAgent, dialTarget, agentId, agentCallSid, sessionId, conversationId,
                agentContext, reachedAgent ? conversationIntent() : null,
                callbacksEmitted, duplicatedCallbacks, reorderedCallbacks, failedDeliveries, failedAgentWebhooks,
                settled, droppedCallbacks, webhookRetries, machineDetectionMillis, errorCode, fallbackUsed,
                agentLegStatus, request.warnings(), java.util.List.copyOf(heard), java.util.List.copyOf(keysPressed),
                request.timeoutSeconds());
    }
}
