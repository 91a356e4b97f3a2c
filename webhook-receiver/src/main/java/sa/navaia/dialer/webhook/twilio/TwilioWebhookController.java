package sa.navaia.dialer.webhook.twilio;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.inbox.NewInboxMessage;
import sa.navaia.dialer.session.VoiceSession;
import sa.navaia.dialer.session.VoiceSessionRepository;
import sa.navaia.dialer.webhook.agent.AgentConnector;
import sa.navaia.dialer.webhook.inbox.InboxService;
import sa.navaia.dialer.webhook.inbox.Outages;
import sa.navaia.dialer.webhook.security.FormBody;

/**
 * Twilio's webhooks. Signatures are checked before these run ({@code TwilioSignatureFilter}); every
 * payload is stored in the inbox (or, while the database is away, in the receiver's journal) before it is answered,
 * and applied from there. Status callbacks, the bulk of the
 * traffic, are stored with group commit and applied just after the answer; they never hold a thread while they wait.
 * The others answer with TwiML that depends on the session, so they are stored and applied in the request, on the
 * blocking executor.
 */
@Controller("/api/twilio")
final class TwilioWebhookController {

    static final String SOURCE = "twilio";
    private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);

    private final DialerSettings settings;
    private final VoiceSessionRepository sessions;
    private final InboxService inbox;
    private final AgentConnector agents;
    private final MachineAnswers machines;
    private final AbandonedCalls abandoned;
    private final IdentificationMessages identifications;

    TwilioWebhookController(DialerSettings settings, VoiceSessionRepository sessions, InboxService inbox,
                            AgentConnector agents, MachineAnswers machines, AbandonedCalls abandoned,
                            IdentificationMessages identifications) {
        this.identifications = identifications;
        this.settings = settings;
        this.sessions = sessions;
        this.inbox = inbox;
        this.agents = agents;
        this.machines = machines;
        this.abandoned = abandoned;
    }

    @Get("/health")
    Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "ok");
        health.put("elevenlabs_number_configured", settings.elevenLabs().phoneNumber() != null);
        health.put("elevenlabs_number", settings.elevenLabs().phoneNumber());
        return health;
    }

    @Post(uri = "/test", consumes = MediaType.ALL, produces = MediaType.TEXT_XML)
    String test() {
        return TwiML.TEST;
    }

    /**
     * The customer is on the line: the session is read within {@link InboxService}'s deadline. When the database cannot
     * answer in time, the connect is journaled and the call goes to an agent anyway
     * ({@link AgentConnector#connectWithoutDatabase}). {@code campaign} (in the connect URL the dialer gave Twilio; absent
     * on calls placed by {@code /api/calls/initiate} or before it was added) names the campaign whose identification
     * message is said, even without the database, when no agent can be reached.
     */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(uri = "/connect/{sessionId}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_XML)
    String connect(String sessionId, @Nullable @QueryValue("campaign") Long campaign, HttpRequest<?> request,
                   @Nullable @Body byte[] body) {
        log.info("Twilio connect webhook received for session: {}", sessionId);
        Map<String, String> form = FormBody.parse(body);
        String callSid = form.getOrDefault("CallSid", "");
        InboxService.Received<VoiceSession> received = inbox.receiveThenRead(
                message("connect", "twilio:connect:" + sessionId + ":" + callSid, sessionId, form, request, body),
                () -> sessions.find(sessionId).orElse(null));
        boolean databaseAway = received.receipt() == InboxService.Receipt.JOURNALED;
        Optional<VoiceSession> session = received.read();
        if (session.isEmpty() && !databaseAway) {
            log.error("Twilio connect for unknown session {} (CallSid={}); hanging up politely", sessionId, callSid);
            return TwiML.UNKNOWN_SESSION;
        }
        String answeredBy = form.getOrDefault("AnsweredBy", "");
        if (MachineAnswers.isMachine(answeredBy)) {
            // By default a machine is not handed to the agent (its minutes are paid and the recipient would get an AI
            // monologue); the call ends as voicemail and is retried by the campaign's rules. The campaign's voicemail
            // policy may leave a message or hand it to the agent instead.
            if (session.isEmpty()) {
                log.info("Answering machine for session {} (AnsweredBy={}); hanging up without the agent", sessionId, answeredBy);
                return TwiML.HANG_UP;
            }
            Optional<String> machineTwiml;
            try {
                machineTwiml = machines.answer(session.get(), answeredBy);
            } catch (RuntimeException e) {
                if (!Outages.isOutage(e)) {
                    throw e;
                }
                log.warn("Session {}: the database went away reading the voicemail policy ({}); hanging up on the machine",
                        sessionId, Outages.unwrap(e).getMessage());
                machineTwiml = Optional.of(TwiML.HANG_UP);
            }
            if (machineTwiml.isPresent()) {
                return machineTwiml.get();
            }
        }
        Optional<Long> campaignId = session.flatMap(VoiceSession::campaignId).or(() -> Optional.ofNullable(campaign));
        AgentConnector.Connection connection;
        if (databaseAway) {
            connection = agents.connectWithoutDatabase(sessionId, session, campaignId, form);
        } else {
            log.info("✅ Found voice session: {}, agent: {}", sessionId, session.get().agentName());
            warmIdentification(session.get());
            try {
                connection = agents.connect(session.get(), form);
            } catch (RuntimeException e) {
                if (!Outages.isOutage(e)) {
                    throw e;
                }
                // The connect is stored; only the agent's number on the session is missing (personalisation then finds none).
                log.warn("Session {}: the database went away while connecting ({}); connecting without it", sessionId,
                        Outages.unwrap(e).getMessage());
                connection = agents.connectWithoutDatabase(sessionId, session, campaignId, form);
                databaseAway = true;
            }
        }
        if (connection.toAgent()) {
            return connection.twiml();
        }
        return answered(abandoned.agentUnreachable(connection.twiml(), sessionId, campaignId, databaseAway), sessionId, form,
                request);
    }

    /** Keeps the campaign's identification message in memory, for a dial result that comes while the database is away. */
    private void warmIdentification(VoiceSession session) {
        try {
            session.campaignId().ifPresent(identifications::warm);
        } catch (RuntimeException e) {
            if (!Outages.isOutage(e)) {
                throw e;
            }
            log.debug("Session {}: identification message not kept in memory, the database went away", session.id());
        }
    }

    /** {@code 204} once stored (or found stored already, or journaled); runs on the event loop and waits for nothing. */
    @Post(uri = "/status/{sessionId}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    CompletableFuture<HttpResponse<?>> status(String sessionId, HttpRequest<?> request, @Nullable @Body byte[] body) {
        Map<String, String> form = FormBody.parse(body);
        String callSid = form.getOrDefault("CallSid", "");
        String callStatus = form.getOrDefault("CallStatus", "");
        log.debug("Call status update: SID={}, Status={}, Session={}", callSid, callStatus, sessionId);
        String key = "twilio:status:" + callSid + ":" + callStatus + ":" + form.getOrDefault("SequenceNumber", "");
        return inbox.receiveLater(message("status", key, sessionId, form, request, body))
                .thenApply(receipt -> HttpResponse.noContent());
    }

    /**
     * The agent's leg ended. {@code campaign} (in the action URL connect gave) lets the identification message be said
     * without the database; what was said then is journaled too, and recorded on the attempt once replayed.
     */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(uri = "/dial-result/{sessionId}", consumes = MediaType.APPLICATION_FORM_URLENCODED,
            produces = MediaType.TEXT_XML)
    String dialResult(String sessionId, @Nullable @QueryValue("campaign") Long campaign, HttpRequest<?> request,
                      @Nullable @Body byte[] body) {
        Map<String, String> form = FormBody.parse(body);
        log.info("Dial result: Session={}, DialCallStatus={}, DialCallSid={}", sessionId,
                form.get("DialCallStatus"), form.get("DialCallSid"));
        String key = "twilio:dial-result:" + sessionId + ":" + form.getOrDefault("CallSid", "") + ":"
                + form.getOrDefault("DialCallSid", "") + ":" + form.getOrDefault("DialCallStatus", "");
        InboxService.Receipt receipt = inbox.receive(message("dial-result", key, sessionId, form, request, body));
        return answered(abandoned.afterAgentLeg(sessionId, form.get("DialCallStatus"), Optional.ofNullable(campaign),
                receipt == InboxService.Receipt.JOURNALED), sessionId, form, request);
    }

    /** The answer's TwiML, once the identification message it said without the database is journaled for the attempt. */
    private String answered(AbandonedCalls.Answer answer, String sessionId, Map<String, String> form, HttpRequest<?> request) {
        answer.saidWithoutDatabase().ifPresent(said -> inbox.receive(new NewInboxMessage(IdentificationSaidHandler.SOURCE,
                IdentificationSaidHandler.EVENT, "receiver:identification-said:" + sessionId + ":"
                + form.getOrDefault("CallSid", ""), sessionId, form.get("CallSid"), null, request.getPath(),
                MediaType.APPLICATION_FORM_URLENCODED, FormBody.encode(Map.of("message", said)))));
        return answer.twiml();
    }

    /**
     * The key pressed after the identification message ({@code <Gather>}'s {@code Digits}). Stored and applied, or
     * journaled while the database is away: the opt-out is never lost, and the person hears it was taken either way.
     */
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(uri = "/opt-out/{sessionId}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_XML)
    String optOut(String sessionId, HttpRequest<?> request, @Nullable @Body byte[] body) {
        Map<String, String> form = FormBody.parse(body);
        String digits = form.getOrDefault("Digits", "");
        log.info("Key pressed after the identification message: Session={}, Digits={}", sessionId, digits);
        String key = "twilio:opt-out:" + sessionId + ":" + form.getOrDefault("CallSid", "");
        inbox.receive(message(KeyPressOptOutHandler.EVENT, key, sessionId, form, request, body));
        return KeyPressOptOutHandler.optsOut(digits) ? TwiML.OPTED_OUT : TwiML.HANG_UP;
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post(uri = "/error", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_XML)
    String error(HttpRequest<?> request, @Nullable @Body byte[] body) {
        Map<String, String> form = FormBody.parse(body);
        log.error("Twilio fallback: CallSid={}, ErrorCode={}, ErrorUrl={}", form.get("CallSid"), form.get("ErrorCode"),
                form.get("ErrorUrl"));
        String key = "twilio:error:" + form.getOrDefault("CallSid", "") + ":" + sha256(body);
        inbox.receive(message("error", key, null, form, request, body));
        return TwiML.ERROR;
    }

    private static NewInboxMessage message(String eventType, String dedupeKey, String sessionId, Map<String, String> form,
                                           HttpRequest<?> request, byte[] body) {
        String callSid = form.get("CallSid");
        return new NewInboxMessage(SOURCE, eventType, dedupeKey, sessionId, callSid == null || callSid.isEmpty() ? null : callSid,
                null, request.getPath(), request.getContentType().map(MediaType::toString).orElse(null),
                body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body))
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
