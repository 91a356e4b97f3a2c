package sa.navaia.dialer.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.elevenlabs.ElevenLabsSignature;
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
    private static final Logger log = LoggerFactory.getLogger(CallPlayer.class);

    private final SandboxConfig config;
    private final ScheduledExecutorService timeline;
    private final WebhookClient webhooks;
    private final CallModel model;
    private final AgentPayloads agent;
    private final ObjectMapper json;
    private final Map<String, CallbackFaults> faults = new java.util.concurrent.ConcurrentHashMap<>();

    CallPlayer(SandboxConfig config, ScheduledExecutorService timeline, WebhookClient webhooks, CallModel model,
               ObjectMapper json) {
        this.config = config;
        this.timeline = timeline;
        this.webhooks = webhooks;
        this.model = model;
        this.agent = new AgentPayloads(config.agentId(), config.agentNumber());
        this.json = json;
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

    private void answer(SimulatedCall call) {
        boolean machine = call.plan().outcome() == Outcome.VOICEMAIL;
        call.answered(call.request().machineDetection() ? (machine ? "machine_start" : "human") : null);
        statusCallback(call, "answered", "in-progress", Map.of());
        String url = call.request().url();
        Map<String, String> params = callParams(call, "in-progress");
        send(call, url, call.request().method(), params).whenComplete((response, error) -> {
            String body = error == null && response.statusCode() < 300 ? response.body() : null;
            if (body == null) {
                log.warn("Call {}: the connect Url {} gave no TwiML ({}); hanging up like Twilio's application error",
                        call.sid(), url, error != null ? error.getMessage() : "HTTP " + response.statusCode());
            }
            connect(call, Twiml.parse(body));
        });
    }

    private void connect(SimulatedCall call, Twiml twiml) {
        if (!twiml.dials()) {
            after(HANG_UP_SECONDS, () -> finish(call, "completed", (int) HANG_UP_SECONDS));
            return;
        }
        boolean toAgent = twiml.dialTarget().equals(config.agentNumber());
        call.dialed(twiml.dialTarget(), toAgent, sessionIdOf(call.request().url()),
                toAgent ? Ids.conversationId() : null);
        int talkSeconds = call.plan().talkSeconds();
        after(talkSeconds, () -> dialEnded(call, twiml, talkSeconds));
    }

    private void dialEnded(SimulatedCall call, Twiml twiml, int talkSeconds) {
        if (twiml.dialAction() == null) {
            finish(call, "completed", talkSeconds);
            return;
        }
        Map<String, String> params = callParams(call, "in-progress");
        params.put("DialCallStatus", "completed");
        params.put("DialCallSid", Ids.callSid());
        params.put("DialCallDuration", String.valueOf(talkSeconds));
        String action = URI.create(call.request().url()).resolve(twiml.dialAction()).toString();
        send(call, action, twiml.dialActionMethod(), params)
                .whenComplete((response, error) -> finish(call, "completed", talkSeconds));
    }

    private void finish(SimulatedCall call, String status, int durationSeconds) {
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
        CompletableFuture<Void> agentWebhooks = agentWebhooks(call);
        CompletableFuture.allOf(call.deliveries(), agentWebhooks).whenComplete((ignored, error) -> call.settled());
    }

    private CompletableFuture<Void> agentWebhooks(SimulatedCall call) {
        URI postCallUrl = config.postCallUrl();
        if (postCallUrl == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (call.reachedAgent()) {
            CompletableFuture<Void> sent = postJson(call, postCallUrl, agent.transcription(call, now()));
            return config.sendPostCallAudio()
                    ? sent.thenCompose(ignored -> postJson(call, postCallUrl, agent.audio(call, now())))
                    : sent;
        }
        if (config.sendCallInitiationFailures() && !call.plan().outcome().isAnswered()) {
            return postJson(call, postCallUrl, agent.initiationFailure(call, Ids.conversationId(), now()));
        }
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> postJson(SimulatedCall call, URI url, Map<String, Object> payload) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize the " + payload.get("type") + " payload", e);
        }
        String signature = ElevenLabsSignature.sign(config.webhookSecret(), now().getEpochSecond(), body);
        return webhooks.post(url, "application/json", body, Map.of(ElevenLabsSignature.HEADER, signature))
                .handle((response, error) -> {
                    if (error != null || response.statusCode() >= 300) {
                        call.deliveryFailed();
                    }
                    return null;
                });
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
        Runnable delivery = () -> call.thenDeliver(() -> send(call, url, call.request().statusCallbackMethod(), params));
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

    /** Sends a signed Twilio request; with GET the parameters go in the query, as Twilio does. */
    private CompletableFuture<WebhookClient.Response> send(SimulatedCall call, String url, String method,
                                                        Map<String, String> params) {
        CompletableFuture<WebhookClient.Response> response;
        if ("GET".equals(method)) {
            String fullUrl = url + (url.contains("?") ? "&" : "?") + Form.encode(params);
            String signature = TwilioSignature.sign(config.authToken(), fullUrl, Map.of());
            response = webhooks.get(URI.create(fullUrl), Map.of(TwilioSignature.HEADER, signature));
        } else {
            String signature = TwilioSignature.sign(config.authToken(), url, params);
            response = webhooks.post(URI.create(url), Form.CONTENT_TYPE + "; charset=utf-8",
                    Form.encode(params).getBytes(StandardCharsets.UTF_8), Map.of(TwilioSignature.HEADER, signature));
        }
        return response.whenComplete((r, error) -> {
            if (error != null) {
                call.deliveryFailed();
            }
        });
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
     * Injects the configured callback faults into one call: a duplicate is sent twice, a reordered
     * callback is held back and sent after the next one.
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
