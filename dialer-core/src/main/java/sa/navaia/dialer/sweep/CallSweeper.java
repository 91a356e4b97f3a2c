package sa.navaia.dialer.sweep;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.inbox.NewInboxMessage;
import sa.navaia.dialer.inbox.WebhookInboxRepository;
import sa.navaia.dialer.ratelimit.Sleeper;
import sa.navaia.dialer.session.CallStatusUpdates;
import sa.navaia.dialer.session.SessionStatus;
import sa.navaia.dialer.session.VoiceSession;
import sa.navaia.dialer.session.VoiceSessionRepository;

/**
 * Asks Twilio about calls whose final status callback never came (Twilio retries a callback only when the connection
 * fails, once; a receiver down longer loses it): a session quiet for {@code quietFor} without a terminal status is
 * fetched with {@code GET Calls/{sid}}, and a final status is applied through {@link CallStatusUpdates}, the path
 * callbacks take, and kept in the inbox as learned by polling ({@code twilio}/{@code status-poll}). A call is judged by
 * its own row ({@code calls}), so one whose transcript came but whose final status did not is found too. At most
 * {@code batch} calls and {@link #PASS_BUDGET} a pass, one request every {@code pace}.
 */
public final class CallSweeper {

    /** What one pass did. */
    public record Pass(int looked, int ended, int stillLive, int failed) {
    }

    static final String EVENT = "status-poll";
    /** A pass stops starting look-ups after this long, so the transcript pass that follows is not held up. */
    static final Duration PASS_BUDGET = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(CallSweeper.class);

    private final SweepRepository sweep;
    private final VoiceSessionRepository sessions;
    private final CallStatusUpdates updates;
    private final WebhookInboxRepository inbox;
    private final TransactionTemplate transactions;
    private final TwilioRestClient twilio;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration quietFor;
    private final Duration pace;
    private final int batch;

    public CallSweeper(javax.sql.DataSource dataSource, VoiceSessionRepository sessions, CallStatusUpdates updates,
                       WebhookInboxRepository inbox, TransactionTemplate transactions, TwilioRestClient twilio, Clock clock,
                       Sleeper sleeper, Duration quietFor, Duration pace, int batch) {
        this.sweep = new SweepRepository(dataSource, clock);
        this.sessions = sessions;
        this.updates = updates;
        this.inbox = inbox;
        this.transactions = transactions;
        this.twilio = twilio;
        this.clock = clock;
        this.sleeper = sleeper;
        this.quietFor = quietFor;
        this.pace = pace;
        this.batch = batch;
    }

    public Pass sweep() throws InterruptedException {
        int looked = 0;
        int ended = 0;
        int live = 0;
        int failed = 0;
        long deadline = System.nanoTime() + PASS_BUDGET.toNanos();
        for (SweepRepository.Stuck stuck : sweep.callsWithoutEnd(clock.instant().minus(quietFor), batch)) {
            if (System.nanoTime() - deadline > 0) {
                log.info("Sweeper: the call pass used its {} s; the rest waits for the next pass", PASS_BUDGET.toSeconds());
                break;
            }
            if (looked > 0) {
                sleeper.sleep(pace);
            }
            looked++;
            Call call;
            try {
                call = Call.fetcher(stuck.callSid()).fetch(twilio);
            } catch (ApiException e) {
                failed++;
                log.warn("Sweeper: Twilio could not say what became of call {} (session {}): {} {}", stuck.callSid(),
                        stuck.sessionId(), e.getStatusCode(), e.getMessage());
                sweep.touchCall(stuck.sessionId());
                continue;
            } catch (RuntimeException e) {
                failed++;
                log.warn("Sweeper: asking Twilio about call {} failed: {}", stuck.callSid(), e.toString());
                continue;
            }
            Optional<SessionStatus> status = Optional.ofNullable(call.getStatus()).map(Object::toString)
                    .flatMap(SessionStatus::fromCode);
            if (status.isEmpty() || !status.get().isTerminal()) {
                live++;
                sweep.touchCall(stuck.sessionId());
                continue;
            }
            if (applied(stuck, call, status.get())) {
                ended++;
                log.info("Sweeper: call {} of session {} ended {} without telling us; applied from Twilio",
                        stuck.callSid(), stuck.sessionId(), status.get().code());
            }
        }
        if (looked > 0) {
            log.info("Sweeper: {} calls without a final status looked up at Twilio: {} ended, {} still live, {} failed",
                    looked, ended, live, failed);
        }
        return new Pass(looked, ended, live, failed);
    }

    private boolean applied(SweepRepository.Stuck stuck, Call call, SessionStatus status) {
        Integer duration = call.getDuration() == null || call.getDuration().isBlank() ? null
                : Integer.valueOf(call.getDuration());
        String answeredBy = call.getAnsweredBy() == null || call.getAnsweredBy().isBlank() ? null : call.getAnsweredBy();
        Map<String, String> learned = new LinkedHashMap<>();
        learned.put("CallSid", stuck.callSid());
        learned.put("CallStatus", status.code());
        if (duration != null) {
            learned.put("CallDuration", duration.toString());
        }
        if (answeredBy != null) {
            learned.put("AnsweredBy", answeredBy);
        }
        String body = learned.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            Optional<VoiceSession> session = sessions.find(stuck.sessionId());
            if (session.isEmpty()) {
                return false;
            }
            inbox.storePending(new NewInboxMessage("twilio", EVENT, "twilio:poll:" + stuck.callSid() + ":" + status.code(),
                    stuck.sessionId(), stuck.callSid(), null, "/2010-04-01/Calls/" + stuck.callSid() + ".json",
                    "application/x-www-form-urlencoded", body)).ifPresent(message -> inbox.markProcessed(message.id()));
            return updates.apply(session.get(), status, answeredBy, duration);
        }));
    }
}
