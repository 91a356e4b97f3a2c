package sa.navaia.dialer.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.elevenlabs.ElevenLabsSignature;
import sa.navaia.dialer.elevenlabs.Personalization;
import sa.navaia.dialer.twilio.TwilioSignature;

/**
 * Plays a started call out as the carrier and the agent would: status callbacks, the {@code Url} fetch,
 * the {@code <Dial>} to the agent, the dial action, and ElevenLabs' post-call webhooks.
 */
final class CallPlayer {

    private static final String CONNECT_PATH = "/api/twilio/connect/";
    private static final double FAILURE_DELAY_SECONDS = 1;
    private static final double RINGING_DELAY_SECONDS = 1;
    private static final double BUSY_RING_SECONDS = 4;
    private static final double HANG_UP_SECONDS = 3;
    /** Twilio's "An application error has occurred" message, then the call ends. */
    private static final double APPLICATION_ERROR_SECONDS = 5;
    private static final double LEG_BUSY_SECONDS = 3;
    /** How long the callee waits on a ringing agent leg before hanging up ({@code canceled}). */
    private static final double CALLER_PATIENCE_SECONDS = 8;
    static final int HTTP_RETRIEVAL_FAILURE = 11200;
    static final int HTTP_CONNECTION_FAILURE = 11205;
    static final int DOCUMENT_PARSE_FAILURE = 12100;
    /** Simulated seconds between the agent refusing a conversation and its leg ending. */
    private static final double LEG_DROP_SECONDS = 1;
    static final int PERSONALIZATION_TIMEOUT_SECONDS = 2;
    private static final Duration POST_CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(CallPlayer.class);

    private final SandboxConfig config;
    private final ScheduledExecutorService timeline;
    private final WebhookClient webhooks;
    private final CallModel model;
    private final AgentPayloads agent;
    private final ObjectMapper json;
    private final Registrations registrations;
    private final IntSupplier port;
    private final PostCallHealth postCallHealth = new PostCallHealth();
    private final Map<String, CallbackFaults> faults = new java.util.concurrent.ConcurrentHashMap<>();

    CallPlayer(SandboxConfig config, ScheduledExecutorService timeline, WebhookClient webhooks, CallModel model,
               ObjectMapper json, Registrations registrations, IntSupplier port) {
        this.config = config;
        this.timeline = timeline;
        this.webhooks = webhooks;
        this.model = model;
        this.agent = new AgentPayloads();
        this.json = json;
        this.registrations = registrations;
        this.port = port;
    }

    void start(SimulatedCall call) {
        log.debug("Call {} to {} started (attempt {}, plan {})", call.sid(), mask(call.request().to()),
                call.attempt(), call.plan());
        faults.put(call.sid(), new CallbackFaults(model.callbackFaults(call.request().to(), call.attempt())));
        statusCallback(call, "initiated", "initiated", Map.of());
        Outcome outcome = call.plan().outcome();
        if (outcome == Outcome.FAILED) {
            after(FAILURE_DELAY_SECONDS, () -> finish(call, "failed", 0));
            return;
        }
        after(RINGING_DELAY_SECONDS, () -> ring(call));
    }

    private void ring(SimulatedCall call) {
        call.status("ringing");
        statusCallback(call, "ringing", "ringing", Map.of());
        CallPlan plan = call.plan();
        int timeout = call.request().timeoutSeconds();
        if (plan.outcome() == Outcome.BUSY) {
            after(BUSY_RING_SECONDS, () -> finish(call, "busy", 0));
        } else if (plan.outcome() == Outcome.NO_ANSWER || plan.ringSeconds() > timeout) {
            after(timeout, () -> finish(call, "no-answer", 0));
        } else {
            after(plan.ringSeconds(), () -> answer(call));
        }
    }

    /**
     * The callee answered. Without detection, or with {@code AsyncAmd=true}, the {@code Url} is fetched at once; with
     * synchronous detection only once it answers ({@code AnsweredBy}), after the model's delay, or {@code unknown}
     * when {@code MachineDetectionTimeout} runs out first. Asynchronous detection posts {@code AnsweredBy} and
     * {@code MachineDetectionDuration} (ms) to {@code AsyncAmdStatusCallback} when it ends.
     */
    private void answer(SimulatedCall call) {
        call.answered();
        statusCallback(call, "answered", "in-progress", Map.of());
        CallRequest request = call.request();
        if (!request.detectsMachines()) {
            fetchUrl(call);
            return;
        }
        CallPlan.Amd amd = call.plan().amd();
        double timeout = request.machineDetectionTimeoutSeconds();
        double seconds = Math.min(amd.seconds(request.machineDetection()), timeout);
        String answer = amd.seconds(request.machineDetection()) > timeout ? "unknown" : amd.answer(request.machineDetection());
        long millis = Math.round(seconds * 1000);
        if (!request.asyncAmd()) {
            after(seconds, () -> {
                call.detected(answer, millis);
                fetchUrl(call);
            });
            return;
        }
        fetchUrl(call);
        after(seconds, () -> {
            if (call.ended()) {
                return;
            }
            call.detected(answer, millis);
            if (request.asyncAmdStatusCallback() != null) {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("CallSid", call.sid());
                params.put("AccountSid", config.accountSid());
                params.put("AnsweredBy", answer);
                params.put("MachineDetectionDuration", String.valueOf(millis));
                send(call, request.asyncAmdStatusCallback(), request.asyncAmdStatusCallbackMethod(), params);
            }
        });
    }

    private void fetchUrl(SimulatedCall call) {
        String url = call.request().url();
        fetchTwiml(call, url, call.request().method(), callParams(call, "in-progress"), twiml -> connect(call, twiml),
                (code, error) -> {
                    String fallback = call.request().fallbackUrl();
                    if (fallback == null) {
                        applicationError(call, code, false, url, error);
                        return;
                    }
                    log.warn("Call {}: the Url {} failed ({}, error {}); fetching FallbackUrl", call.sid(),
                            WebhookClient.withoutFragment(url), error, code);
                    call.applicationError(code, true);
                    Map<String, String> params = callParams(call, "in-progress");
                    params.put("ErrorCode", String.valueOf(code));
                    params.put("ErrorUrl", WebhookClient.withoutFragment(url));
                    fetchTwiml(call, fallback, call.request().fallbackMethod(), params, twiml -> connect(call, twiml),
                            (fallbackCode, fallbackError) -> applicationError(call, fallbackCode, true, fallback,
                                    fallbackError));
                });
    }

    /** Fetches TwiML; a failed fetch (after Twilio's retries), a non-2xx answer or a document that is not TwiML fails. */
    private void fetchTwiml(SimulatedCall call, String url, String method, Map<String, String> params,
                            Consumer<Twiml> then, java.util.function.BiConsumer<Integer, String> failed) {
        send(call, url, method, params).whenComplete((response, error) -> {
            try {
                if (error != null) {
                    failed.accept(HTTP_CONNECTION_FAILURE, rootMessage(error));
                } else if (!response.ok()) {
                    failed.accept(HTTP_RETRIEVAL_FAILURE, "HTTP " + response.statusCode());
                } else {
                    Twiml twiml = Twiml.read(response.body());
                    if (twiml == null) {
                        failed.accept(DOCUMENT_PARSE_FAILURE, "the answer is not a TwiML <Response>");
                    } else {
                        then.accept(twiml);
                    }
                }
            } catch (RuntimeException e) {
                log.error("Sandbox call step failed", e);
            }
        });
    }

    /**
     * Twilio's application error: the callee hears "An application error has occurred" and the call ends,
     * {@code completed}.
     */
    private void applicationError(SimulatedCall call, int code, boolean fallbackUsed, String url, String error) {
        log.warn("Call {}: {} failed ({}, error {}); the callee hears Twilio's application error and the call ends",
                call.sid(), WebhookClient.withoutFragment(url), error, code);
        call.applicationError(code, fallbackUsed);
        after(APPLICATION_ERROR_SECONDS, () -> finish(call, "completed", (int) APPLICATION_ERROR_SECONDS));
    }

    private void connect(SimulatedCall call, Twiml twiml) {
        call.heard(twiml.says());
        String session = sessionIdOf(call.request().url());
        if (twiml.streams()) {
            connectStream(call, twiml, session);
            return;
        }
        if (twiml.gathers()) {
            gather(call, twiml, call.request().url(), 0);
            return;
        }
        if (!twiml.dials()) {
            hangUp(call);
            return;
        }
        // Twilio places the <Dial> as a child leg with its own SID (the action's DialCallSid), whatever number it calls.
        // The agent's number is a Twilio number too, and ElevenLabs answers the call that arrives on it: Twilio's call
        // logs show two calls for a call between two Twilio numbers, the outbound leg and the inbound call, and its docs
        // do not say that they share a SID. The harsher reading: they do not, so nothing may tie ElevenLabs'
        // phone_call.call_sid to DialCallSid.
        String leg = Ids.callSid();
        String inboundAtAgent = Ids.callSid();
        Optional<Agent> agent = config.agentAt(twiml.dialTarget());
        call.dialed(twiml.dialTarget(), agent.orElse(null), agent.isPresent() ? inboundAtAgent : null, session);
        int talkSeconds = call.plan().talkSeconds();
        if (agent.isEmpty()) {
            after(talkSeconds, () -> dialEnded(call, twiml, leg, "completed", talkSeconds));
            return;
        }
        String legFate = call.plan().agentLeg();
        if (!"completed".equals(legFate)) {
            // The agent's leg never connects (e.g. ElevenLabs refuses it at its concurrency limit): no conversation.
            double seconds = switch (legFate) {
                case "busy" -> LEG_BUSY_SECONDS;
                case "no-answer" -> twiml.dialTimeoutSeconds();
                case "canceled" -> CALLER_PATIENCE_SECONDS;
                default -> LEG_DROP_SECONDS;
            };
            after(seconds, () -> dialEnded(call, twiml, leg, legFate, 0));
            return;
        }
        // ElevenLabs sees only the call arriving on the agent's number: an inbound call from the <Dial>'s callerId
        // (Twilio's default is the parent call's caller ID, its From), with the SID of that inbound call.
        String callerId = twiml.dialCallerId() != null ? twiml.dialCallerId() : call.request().from();
        Agent reached = agent.get();
        Consumer<ClientData> start = data -> startConversation(call, new AgentSession(reached, "inbound",
                        reached.phoneNumber(), callerId, inboundAtAgent, Ids.streamSid(), data,
                        config.personalizationUrl() == null ? AgentSession.SYSTEM_ONLY : AgentSession.PERSONALIZATION),
                Ids.conversationId(), () -> after(talkSeconds, () -> dialEnded(call, twiml, leg, "completed", talkSeconds)),
                () -> dropLeg(call, twiml, leg));
        if (config.personalizationUrl() == null) {
            try {
                start.accept(ClientData.read(null, reached, false));
            } catch (ClientData.Refused e) {
                refuse(call, AgentSession.SYSTEM_ONLY, e.getMessage());
                dropLeg(call, twiml, leg);
            }
            return;
        }
        personalize(call, reached, callerId, inboundAtAgent).whenComplete((data, error) -> {
            if (error != null) {
                call.agentWebhookFailed();
                refuse(call, AgentSession.PERSONALIZATION, rootMessage(error));
                dropLeg(call, twiml, leg);
            } else {
                start.accept(data);
                if (!call.reachedAgent()) {
                    // The answer lacked a variable its overrides need: the webhook's answer failed too.
                    call.agentWebhookFailed();
                }
            }
        });
    }

    /**
     * The conversation initiation client data webhook, sent once (ElevenLabs retries nothing). The docs give no
     * timeout and no fallback; harsher: {@value #PERSONALIZATION_TIMEOUT_SECONDS} s, and any failure (no answer,
     * non-2xx, not JSON, a wrong {@code type}, a missing agent variable, an override that is not enabled) drops the
     * agent's leg without a conversation.
     */
    private CompletableFuture<ClientData> personalize(SimulatedCall call, Agent agent, String callerId, String leg) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("caller_id", callerId);
        request.put("agent_id", agent.id());
        request.put("called_number", agent.phoneNumber());
        request.put("call_sid", leg);
        byte[] body = bytes(request);
        return webhooks.post(config.personalizationUrl(), "application/json", body,
                        Map.of(Personalization.SECRET_HEADER, config.personalizationSecret()),
                        WebhookClient.Delivery.once(Duration.ofSeconds(PERSONALIZATION_TIMEOUT_SECONDS)))
                .thenApply(response -> {
                    if (response.statusCode() < 200 || response.statusCode() >= 300) {
                        throw new CompletionException(new ClientData.Refused(
                                "the personalisation webhook answered HTTP " + response.statusCode()));
                    }
                    try {
                        return ClientData.read(json.readTree(response.body()), agent, true);
                    } catch (ClientData.Refused e) {
                        throw new CompletionException(e);
                    } catch (IOException e) {
                        throw new CompletionException(new ClientData.Refused(
                                "the personalisation answer is not JSON: " + e.getMessage()));
                    }
                });
    }

    /** {@code <Connect><Stream>}: reaches an agent only with a stream URL and conversation register-call issued. */
    private void connectStream(SimulatedCall call, Twiml twiml, String session) {
        Registrations.Registration registration = ElevenLabsApi.streamUrl(port.getAsInt()).equals(twiml.streamUrl())
                ? registrations.claim(twiml.streamConversationId()) : null;
        if (registration == null) {
            log.warn("Call {}: <Stream url=\"{}\"> names no conversation registered with this sandbox; hanging up",
                    call.sid(), twiml.streamUrl());
            hangUp(call);
            return;
        }
        Agent agent = registration.agent();
        call.connected(agent, session);
        boolean inbound = "inbound".equals(registration.direction());
        ClientData data;
        try {
            data = ClientData.read(registration.clientData(), agent, false);
        } catch (ClientData.Refused e) {
            refuse(call, AgentSession.REGISTER_CALL, e.getMessage());
            hangUp(call);
            return;
        }
        int talkSeconds = call.plan().talkSeconds();
        startConversation(call, new AgentSession(agent, registration.direction(),
                        inbound ? registration.toNumber() : registration.fromNumber(),
                        inbound ? registration.fromNumber() : registration.toNumber(),
                        call.sid(), Ids.streamSid(), data, AgentSession.REGISTER_CALL),
                registration.conversationId(), () -> after(talkSeconds, () -> finish(call, "completed", talkSeconds)),
                () -> hangUp(call));
    }

    private void startConversation(SimulatedCall call, AgentSession session, String conversationId,
                                   Runnable talk, Runnable refused) {
        try {
            agent.greeting(session, conversationId, now());
        } catch (ClientData.Refused e) {
            refuse(call, session.source(), e.getMessage());
            refused.run();
            return;
        }
        call.conversationStarted(session, conversationId);
        talk.run();
    }

    private void refuse(SimulatedCall call, String source, String reason) {
        log.warn("Call {}: the agent did not start a conversation: {}", call.sid(), reason);
        call.agentRefused(AgentSession.refusedContext(source, reason));
    }

    /** The agent's leg ends without a conversation: the dial action hears {@code DialCallStatus=failed}. */
    private void dropLeg(SimulatedCall call, Twiml twiml, String leg) {
        after(LEG_DROP_SECONDS, () -> dialEnded(call, twiml, leg, "failed", 0));
    }

    private void hangUp(SimulatedCall call) {
        after(HANG_UP_SECONDS, () -> finish(call, "completed", (int) HANG_UP_SECONDS));
    }

    /**
     * The {@code <Dial>} ended: its {@code action} gets the parent call's parameters and {@code DialCallStatus},
     * {@code DialCallSid}, {@code DialBridged}, and {@code DialCallDuration} only when the leg was answered. An action
     * that fails ends the call with the application error (harsher where the docs are silent: no fallback for it).
     */
    private void dialEnded(SimulatedCall call, Twiml twiml, String leg, String dialStatus, int legSeconds) {
        call.agentLeg(dialStatus);
        int callSeconds = Math.max(legSeconds, (int) LEG_DROP_SECONDS);
        if (twiml.dialAction() == null) {
            // Twilio goes on with the verbs after the <Dial>: what they say is heard before the call ends.
            sayThenFinish(call, twiml.saysAfterDial(), callSeconds);
            return;
        }
        Map<String, String> params = callParams(call, "in-progress");
        params.put("DialCallStatus", dialStatus);
        params.put("DialCallSid", leg);
        params.put("DialBridged", String.valueOf("completed".equals(dialStatus)));
        if ("completed".equals(dialStatus)) {
            params.put("DialCallDuration", String.valueOf(legSeconds));
        }
        String action = URI.create(WebhookClient.withoutFragment(call.request().url())).resolve(twiml.dialAction())
                .toString();
        requestAction(call, action, twiml.dialActionMethod(), params, callSeconds);
    }

    /**
     * Requests a verb's {@code action} and runs its answer on the customer's call (Twilio: "call flow will then
     * continue, using the TwiML you send in response"). An action that fails is the application error; an answer that
     * is not TwiML is a 12100 document parse failure, the application error too, as for {@code Url}.
     */
    private void requestAction(SimulatedCall call, String action, String method, Map<String, String> params,
                               int callSeconds) {
        send(call, action, method, params).whenComplete((response, error) -> {
            if (error != null || !response.ok()) {
                applicationError(call, error != null ? HTTP_CONNECTION_FAILURE : HTTP_RETRIEVAL_FAILURE, false, action,
                        error != null ? rootMessage(error) : "HTTP " + response.statusCode());
                return;
            }
            Twiml next = Twiml.read(response.body());
            if (next == null) {
                applicationError(call, DOCUMENT_PARSE_FAILURE, false, action, "the answer is not a TwiML <Response>");
            } else {
                run(call, next, action, callSeconds);
            }
        });
    }

    /** Runs an action's answer: its says, then its {@code <Gather>} if it has one, else the call ends. */
    private void run(SimulatedCall call, Twiml twiml, String documentUrl, int callSeconds) {
        if (!twiml.gathers()) {
            sayThenFinish(call, twiml.says(), callSeconds);
            return;
        }
        call.heard(twiml.says());
        gather(call, twiml, documentUrl, callSeconds + speakingSeconds(twiml.says()));
    }

    /**
     * Twilio's {@code <Gather>} reference: the nested {@code <Say>}s are said while it listens; the keys go to
     * {@code action} (default: the document's URL) as {@code Digits}, with the call's parameters, once
     * {@code numDigits} keys came, or {@code timeout} seconds after the last key. With no input before the timeout
     * Twilio does not request the action (unless {@code actionOnEmptyResult="true"}) and goes on with the verbs after
     * the {@code <Gather>}. Harsher where the docs leave room: the person presses only after the whole prompt was
     * said (they must hear which key); keys with {@code input="speech"} are not taken; an empty result posts no
     * {@code Digits}; an action that fails or answers other than TwiML is the application error, as for the dial action.
     */
    private void gather(SimulatedCall call, Twiml twiml, String documentUrl, int callSeconds) {
        Twiml.Gather gather = twiml.gather();
        call.heard(gather.says());
        int prompt = speakingSeconds(gather.says());
        String typed = gather.takesKeys() ? call.plan().keysFor(gather.says()) : "";
        String keys = gather.numDigits() != null && typed.length() > gather.numDigits()
                ? typed.substring(0, gather.numDigits()) : typed;
        boolean complete = gather.numDigits() != null && keys.length() == gather.numDigits()
                || !keys.isEmpty() && !gather.finishOnKey().isEmpty() && keys.endsWith(gather.finishOnKey());
        int waited = prompt + (complete ? 0 : gather.timeoutSeconds());
        int seconds = callSeconds + waited;
        if (keys.isEmpty() && !gather.actionOnEmptyResult()) {
            after(waited, () -> sayThenFinish(call, twiml.saysAfterGather(), seconds));
            return;
        }
        String digits = !gather.finishOnKey().isEmpty() && keys.endsWith(gather.finishOnKey())
                ? keys.substring(0, keys.length() - gather.finishOnKey().length()) : keys;
        String action = URI.create(WebhookClient.withoutFragment(documentUrl))
                .resolve(gather.action() == null ? documentUrl : gather.action()).toString();
        after(waited, () -> {
            if (!keys.isEmpty()) {
                call.pressed(keys);
            }
            Map<String, String> params = callParams(call, "in-progress");
            if (!keys.isEmpty()) {
                params.put("Digits", digits);
            }
            requestAction(call, action, gather.method(), params, seconds);
        });
    }

    /** The call says {@code says} (taking their time) and then ends completed. */
    private void sayThenFinish(SimulatedCall call, List<String> says, int callSeconds) {
        call.heard(says);
        int speaking = speakingSeconds(says);
        if (speaking == 0) {
            finish(call, "completed", callSeconds);
        } else {
            after(speaking, () -> finish(call, "completed", callSeconds + speaking));
        }
    }

    /**
     * How long Twilio takes to say a text. Twilio's docs give no rate: about 2.5 words a second (150 a minute, a
     * usual speaking rate) and at least one second, erring long: a longer call holds a live-call slot longer.
     */
    private static int speakingSeconds(List<String> says) {
        return says.stream().mapToInt(CallPlayer::speakingSeconds).sum();
    }

    static int speakingSeconds(String text) {
        return Math.max(1, (int) Math.ceil(text.split("\\s+").length / 2.5));
    }

    private void finish(SimulatedCall call, String status, int durationSeconds) {
        if (call.ended()) {
            return;
        }
        LedgerEntry so = call.snapshot();
        if (call.request().detectsMachines() && !call.request().asyncAmd() && so.machineDetectionMillis() != null) {
            // Synchronous detection held the answered call before the Url was fetched: those seconds are talk time.
            durationSeconds += (int) Math.ceil(so.machineDetectionMillis() / 1000.0);
        }
        call.ended(now(), status, durationSeconds);
        log.debug("Call {} to {} ended {} after {} s (agent reached: {})", call.sid(), mask(call.request().to()),
                status, durationSeconds, call.reachedAgent());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("CallDuration", String.valueOf(durationSeconds));
        extra.put("Duration", String.valueOf((durationSeconds + 59) / 60));
        statusCallback(call, "completed", status, extra);
        CallbackFaults callFaults = faults.remove(call.sid());
        if (callFaults != null) {
            callFaults.flush(call);
        }
        if (call.reachedAgent()) {
            call.conversationStatus("processing");
        }
        CompletableFuture<Void> agentWebhooks = agentWebhooks(call).whenComplete((ignored, error) -> {
            if (call.reachedAgent()) {
                call.conversationStatus("done");
            }
        });
        call.deliveries().thenCombine(agentWebhooks, (a, b) -> null)
                .thenCompose(ignored -> call.deliveries())
                .whenComplete((ignored, error) -> call.settled());
    }

    /**
     * ElevenLabs' post-call webhooks for a call whose conversation started: {@code post_call_transcription}, then
     * {@code post_call_audio} if enabled. {@code call_initiation_failure} is never sent: ElevenLabs sends it only for
     * calls it places itself (its outbound-call API and batch calls), and in the {@code <Dial>} and register-call
     * designs the dialer places every call through Twilio, so ElevenLabs never sees an unanswered one.
     */
    private CompletableFuture<Void> agentWebhooks(SimulatedCall call) {
        URI postCallUrl = config.postCallUrl();
        if (postCallUrl == null || !call.reachedAgent()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> sent = postCall(call, postCallUrl, agent.transcription(call, now()), false);
        return config.sendPostCallAudio()
                ? sent.thenCompose(ignored -> postCall(call, postCallUrl, agent.audio(call, now()), true))
                : sent;
    }

    /**
     * One signed post-call webhook, sent once and never retried (ElevenLabs: "if a webhook fails we can not retry
     * the webhook"); only a 200 counts as delivered ("must return a 200 status code to be considered successful").
     */
    private CompletableFuture<Void> postCall(SimulatedCall call, URI url, Map<String, Object> payload, boolean audio) {
        if (postCallHealth.disabled()) {
            log.warn("Call {}: post-call webhook {} not sent: auto-disabled after {} consecutive failures", call.sid(),
                    payload.get("type"), PostCallHealth.FAILURES_TO_DISABLE);
            call.agentWebhookFailed();
            return CompletableFuture.completedFuture(null);
        }
        byte[] body = bytes(payload);
        String signature = ElevenLabsSignature.sign(config.webhookSecret(), now().getEpochSecond(), body);
        WebhookClient.Delivery delivery = WebhookClient.Delivery.once(POST_CALL_TIMEOUT);
        return webhooks.post(url, "application/json", body, Map.of(ElevenLabsSignature.HEADER, signature),
                        audio ? delivery.streamed() : delivery)
                .handle((response, error) -> {
                    boolean delivered = error == null && response.statusCode() == 200;
                    postCallHealth.record(delivered);
                    if (!delivered) {
                        call.agentWebhookFailed();
                        log.warn("Call {}: post-call webhook {} failed ({}), not retried", call.sid(),
                                payload.get("type"), error != null ? rootMessage(error) : "HTTP " + response.statusCode());
                    }
                    return null;
                });
    }

    private byte[] bytes(Map<String, Object> payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + payload.get("type"), e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /**
     * ElevenLabs auto-disables a webhook after {@value #FAILURES_TO_DISABLE} or more consecutive failures when its
     * last success was more than 7 days ago or never happened; then nothing more is sent to it.
     */
    private final class PostCallHealth {

        static final int FAILURES_TO_DISABLE = 10;
        private static final Duration SUCCESS_MEMORY = Duration.ofDays(7);
        private int consecutiveFailures;
        private Instant lastSuccess;
        private boolean disabled;

        synchronized void record(boolean delivered) {
            if (delivered) {
                consecutiveFailures = 0;
                lastSuccess = now();
                return;
            }
            consecutiveFailures++;
            if (config.autoDisableFailingWebhooks() && consecutiveFailures >= FAILURES_TO_DISABLE
                    && (lastSuccess == null || lastSuccess.isBefore(now().minus(SUCCESS_MEMORY)))) {
                if (!disabled) {
                    log.warn("The post-call webhook is auto-disabled after {} consecutive failures", consecutiveFailures);
                }
                disabled = true;
            }
        }

        synchronized boolean disabled() {
            return disabled;
        }
    }

    private void statusCallback(SimulatedCall call, String event, String callStatus, Map<String, String> extra) {
        String url = call.request().statusCallback();
        if (url == null || !call.request().statusCallbackEvents().contains(event)) {
            return;
        }
        Map<String, String> params = callParams(call, callStatus);
        params.put("CallbackSource", "call-progress-events");
        params.put("SequenceNumber", String.valueOf(call.nextSequenceNumber()));
        params.put("Timestamp", TwilioJson.rfc2822(now()));
        params.putAll(extra);
        Runnable delivery = () -> send(call, url, call.request().statusCallbackMethod(), params);
        CallbackFaults callFaults = faults.get(call.sid());
        if (callFaults == null) {
            delivery.run();
        } else {
            callFaults.emit(call, delivery, "completed".equals(event));
        }
    }

    private Map<String, String> callParams(SimulatedCall call, String callStatus) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", call.sid());
        params.put("AccountSid", config.accountSid());
        params.put("From", call.request().from());
        params.put("To", call.request().to());
        params.put("CallStatus", callStatus);
        params.put("Direction", "outbound-api");
        params.put("ApiVersion", TwilioJson.API_VERSION);
        if (call.answeredBy() != null) {
            params.put("AnsweredBy", call.answeredBy());
        }
        return params;
    }

    /**
     * Sends a signed Twilio request at once, on its own (it may overtake an earlier one about the same call), with
     * Twilio's connection rules and the overrides in the URL's fragment, which is not sent. The signature covers the
     * URL as sent, without the fragment (Twilio does not document whether it signs the fragment; a receiver can only
     * rebuild the URL it was sent). With GET the parameters go in the query, as Twilio does. A request that fails to
     * connect on every attempt, or is answered other than 2xx, counts in {@code failedDeliveries}.
     */
    private CompletableFuture<WebhookClient.Response> send(SimulatedCall call, String url, String method,
                                                        Map<String, String> params) {
        WebhookClient.Delivery delivery = WebhookClient.Delivery.twilio(url);
        String target = WebhookClient.withoutFragment(url);
        CompletableFuture<WebhookClient.Response> response;
        if ("GET".equals(method)) {
            String fullUrl = target + (target.contains("?") ? "&" : "?") + Form.encode(params);
            String signature = TwilioSignature.sign(config.authToken(), fullUrl, Map.of());
            response = webhooks.get(URI.create(fullUrl), Map.of(TwilioSignature.HEADER, signature), delivery);
        } else {
            String signature = TwilioSignature.sign(config.authToken(), target, params);
            response = webhooks.post(URI.create(target), Form.CONTENT_TYPE + "; charset=utf-8",
                    Form.encode(params).getBytes(StandardCharsets.UTF_8), Map.of(TwilioSignature.HEADER, signature),
                    delivery);
        }
        response = response.whenComplete((r, error) -> {
            if (error != null) {
                Throwable cause = WebhookClient.cause(error);
                if (cause instanceof WebhookClient.WebhookFailedException failed) {
                    call.retried(failed.attempts() - 1);
                }
                call.deliveryFailed();
            } else {
                call.retried(r.attempts() - 1);
                if (!r.ok()) {
                    call.deliveryFailed();
                }
            }
        });
        call.track(response);
        return response;
    }

    /** {@code +1938***2295}: enough to follow a call in the logs, not enough to call the person. */
    static String mask(String number) {
        return number.length() <= 8 ? "***" : number.substring(0, 5) + "***" + number.substring(number.length() - 4);
    }

    static String sessionIdOf(String connectUrl) {
        String path = URI.create(connectUrl).getPath();
        int at = path == null ? -1 : path.indexOf(CONNECT_PATH);
        if (at < 0) {
            return null;
        }
        String rest = path.substring(at + CONNECT_PATH.length());
        int slash = rest.indexOf('/');
        String sessionId = slash < 0 ? rest : rest.substring(0, slash);
        return sessionId.isEmpty() ? null : sessionId;
    }

    private void after(double simulatedSeconds, Runnable step) {
        timeline.schedule(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                log.error("Sandbox call step failed", e);
            }
        }, config.realMillis(simulatedSeconds), TimeUnit.MILLISECONDS);
    }

    private Instant now() {
        return config.clock().instant();
    }

    /**
     * Injects the configured callback faults into one call: a dropped callback is never sent, a duplicate is sent
     * twice, a reordered callback is held back and sent after the next one.
     */
    private final class CallbackFaults {

        private final SplittableRandom random;
        private Runnable held;

        CallbackFaults(SplittableRandom random) {
            this.random = random;
        }

        synchronized void emit(SimulatedCall call, Runnable delivery, boolean last) {
            boolean duplicate = random.nextDouble() < config.settings().duplicateCallbackRate();
            boolean reorder = random.nextDouble() < config.settings().reorderCallbackRate();
            boolean drop = random.nextDouble() < config.callbackDropRate();
            if (drop) {
                call.droppedCallback();
                return;
            }
            if (held != null) {
                delivery.run();
                held.run();
                held = null;
            } else if (reorder && !last) {
                call.reordered();
                held = delivery;
            } else {
                delivery.run();
            }
            if (duplicate) {
                call.duplicated();
                delivery.run();
            }
        }

        synchronized void flush(SimulatedCall call) {
            if (held != null) {
                held.run();
                held = null;
            }
        }
    }
}
