package sa.navaia.dialer.webhook.agent;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.agent.AgentContext;
import sa.navaia.dialer.agent.AgentContextRepository;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.session.VoiceSessionRepository;

/**
 * Ties ElevenLabs' personalisation request to the session being connected and says what the agent should know.
 * ElevenLabs sees only the leg that arrives at the agent's number: its caller is the customer (connect sets the
 * {@code <Dial>}'s caller ID to them) and its called number the agent's. The session is the one connect handed to that
 * number for that customer within {@link #CONNECT_WINDOW}; its arriving leg's SID is recorded so the transcript can be
 * matched by identity. Two sessions that fit are not guessed between: the agent gets the safe defaults.
 */
@Singleton
final class Personalizer {

    /** How long after connect served its {@code <Dial>} the agent's leg may arrive (ringing the agent's number included). */
    static final Duration CONNECT_WINDOW = Duration.ofMinutes(2);
    /**
     * How long the lookup may take before the defaults are answered. ElevenLabs documents no timeout for this webhook;
     * our sandbox gives it 2 s (the harsher reading), and the answer must still cross the network.
     */
    static final Duration ANSWER_WITHIN = Duration.ofMillis(1500);
    private static final int LOOKUP_THREADS = 16;
    private static final int LOOKUP_QUEUE = 200;
    private static final Logger log = LoggerFactory.getLogger(Personalizer.class);

    record Request(String callerId, String agentId, String calledNumber, String callSid) {
    }

    /**
     * Who tells the agent what: the lookup, once it has found the contact and recorded the leg, or the request, which
     * gave up waiting for it and answered the safe defaults. Whichever claims it first.
     */
    static final class Answer {
        private static final int LOOKUP = 1;
        private static final int DEFAULTS = 2;
        private final AtomicInteger teller = new AtomicInteger();

        boolean lookupTells() {
            return teller.compareAndSet(0, LOOKUP);
        }

        boolean defaultsTell() {
            return teller.compareAndSet(0, DEFAULTS);
        }
    }

    private final VoiceSessionRepository sessions;
    private final AgentContextRepository recipients;
    private final Clock clock;
    private final ExecutorService lookups;

    Personalizer(VoiceSessionRepository sessions, AgentContextRepository recipients, Clock clock) {
        this.sessions = sessions;
        this.recipients = recipients;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.lookups = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(LOOKUP_QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "personalization-db-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * The agent's context, or the safe defaults when the lookup has not found it within {@link #ANSWER_WITHIN} (a
     * database held up by load or locks): ElevenLabs drops a leg whose personalisation does not come back in time, and
     * the person who answered would then get no agent at all, an abandoned call. The lookup goes on after that and
     * records the leg with the defaults, which is what the agent was told. Requests beyond what the lookup threads and
     * their queue hold get the defaults at once.
     */
    AgentContext personalize(Request request) {
        Answer answer = new Answer();
        CompletableFuture<AgentContext> lookup;
        try {
            lookup = CompletableFuture.supplyAsync(() -> personalize(request, answer), lookups);
        } catch (RejectedExecutionException e) {
            log.error("Personalisation for {}: {} lookups already waiting for the database; answering the safe defaults",
                    request.callSid(), LOOKUP_QUEUE);
            return AgentContext.unknownRecipient();
        }
        try {
            return lookup.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (answer.defaultsTell()) {
                log.error("Personalisation for {}: the database did not answer within {} ms; answering the safe defaults"
                        + " so that the agent still speaks", request.callSid(), ANSWER_WITHIN.toMillis());
                return AgentContext.unknownRecipient();
            }
            return lookup.join(); // the lookup claimed the answer a moment ago: it is done
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AgentContext.unknownRecipient();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    AgentContext personalize(Request request, Answer answer) {
        try {
            List<AgentContextRepository.LegCandidate> candidates = recipients.legCandidates(request.callSid(),
                    request.callerId(), request.calledNumber(), clock.instant().minus(CONNECT_WINDOW));
            Optional<AgentContextRepository.LegCandidate> asked = candidates.stream()
                    .filter(AgentContextRepository.LegCandidate::legRecorded).findFirst();
            if (asked.isPresent()) {
                return AgentContext.of(asked.get().recipient()); // ElevenLabs asked twice for the same leg
            }
            if (candidates.size() != 1) {
                unknown(request, candidates);
                return AgentContext.unknownRecipient();
            }
            AgentContext.Recipient recipient = candidates.get(0).recipient();
            AgentContext context = AgentContext.of(recipient);
            if (!sessions.recordAgentLeg(recipient.sessionId(), request.callSid(), context.toJson())) {
                log.error("Personalisation: session {} has another agent leg than {}; answering the safe defaults",
                        recipient.sessionId(), request.callSid());
                return AgentContext.unknownRecipient();
            }
            if (!answer.lookupTells()) {
                AgentContext told = AgentContext.unknownRecipient();
                sessions.recordAgentLeg(recipient.sessionId(), request.callSid(), told.toJson());
                log.warn("Personalisation: leg {} of session {} was recorded after the safe defaults were answered; its"
                        + " context on record is those defaults", request.callSid(), recipient.sessionId());
                return told;
            }
            log.info("Personalisation: agent {} leg {} is session {} ({} variables)", request.agentId(),
                    request.callSid(), recipient.sessionId(), context.dynamicVariables().size());
            return context;
        } catch (RuntimeException e) {
            log.error("Personalisation for {} failed ({}); answering the safe defaults so the agent still speaks",
                    request.callSid(), e.getMessage());
            return AgentContext.unknownRecipient();
        }
    }

    private void unknown(Request request, List<AgentContextRepository.LegCandidate> candidates) {
        if (candidates.isEmpty()) {
            log.error("Personalisation: no session was connected to {} for caller {} in the last {} (leg {}); "
                    + "answering the safe defaults", request.calledNumber(), PhoneNumbers.mask(request.callerId()),
                    CONNECT_WINDOW, request.callSid());
        } else {
            log.error("Personalisation: {} sessions were connected to {} for caller {} ({}); not guessing, answering "
                    + "the safe defaults", candidates.size(), request.calledNumber(), PhoneNumbers.mask(request.callerId()),
                    candidates.stream().map(c -> c.recipient().sessionId()).toList());
        }
    }
}
