package sa.navaia.dialer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sa.navaia.dialer.audit.AuditLog;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SettingsLoader;
import sa.navaia.dialer.db.DataSources;
import sa.navaia.dialer.dialing.CallAttemptRepository;
import sa.navaia.dialer.dialing.CallPlacer;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.ratelimit.JdbcCallRateLimiter;
import sa.navaia.dialer.ratelimit.RateLimits;
import sa.navaia.dialer.ratelimit.Sleeper;
import sa.navaia.dialer.session.SessionStatus;
import sa.navaia.dialer.testcall.TestCall;
import sa.navaia.dialer.testcall.TestCallPlan;
import sa.navaia.dialer.testcall.TestCallRepository;
import sa.navaia.dialer.twilio.TwilioClients;

/**
 * {@code ops/dialer campaign test-call}: one call now through the campaign's agent, outside its list, then the call
 * followed until its transcript (or {@code --wait}) and what the agent was told and what came of it printed.
 */
@Command(name = "test-call", description = "Place one call now through the campaign's agent, outside the list (optionally as one of its contacts), and follow it. Needs the receiver running (and in sandbox mode the sandbox).")
final class TestCallCommand implements Callable<Integer> {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Set<String> ANSWERED = Set.of(SessionStatus.IN_PROGRESS.code(), SessionStatus.COMPLETED.code(),
            SessionStatus.TRANSCRIBED.code());

    @Option(names = "--campaign", required = true, description = "Campaign name or id.")
    String campaign;
    @Option(names = "--to", required = true, description = "The number to call, E.164 (+19383362295).")
    String to;
    @Option(names = "--as-contact", description = "Speak to the agent as this contact of the campaign (its id): its variables. Default: the campaign's name and empty customer fields.")
    Long asContact;
    @Option(names = "--wait", defaultValue = "3m", description = "How long to follow the call, like 90s, 3m or PT3M; 0s places it and returns (default: ${DEFAULT-VALUE}).")
    String waitFor;

    @Override
    public Integer call() throws InterruptedException {
        Duration wait = duration(waitFor);
        DialerSettings settings = SettingsLoader.fromEnvironment();
        Clock clock = Clock.systemUTC();
        try (HikariDataSource dataSource = DataSources.create(settings.database(), "test-call")) {
            Campaign found = CampaignCommand.find(new CampaignRepository(dataSource, clock), campaign);
            settings.elevenLabs().agents().require(found.agentName());
            TestCallRepository records = new TestCallRepository(dataSource, clock);
            TestCall testCall = new TestCall(new PhoneNumbers(), new DoNotCallRepository(dataSource, clock), records,
                    new CallAttemptRepository(dataSource, clock),
                    new JdbcCallRateLimiter(dataSource, RateLimits.from(settings.dialing()), clock, Sleeper.SYSTEM),
                    new CallPlacer(TwilioClients.create(settings.twilio()), settings.receiver().apiUrl()), clock);
            TestCallPlan plan = testCall.plan(found, to, Optional.ofNullable(asContact));
            TestCall.Placed placed = testCall.place(plan);
            CliAudit.record(dataSource, "campaign.test_call", AuditLog.target(found),
                    "to " + PhoneNumbers.mask(plan.phoneE164()) + ", session " + placed.sessionId());
            System.out.println("Test call of campaign " + found.name() + " to " + PhoneNumbers.mask(plan.phoneE164())
                    + " through agent " + found.agentName() + (plan.asContactId().map(id -> " as contact " + id).orElse(""))
                    + ": placed as " + placed.callSid() + ", session " + placed.sessionId() + ", attempt " + placed.attemptId() + ".");
            if (wait.isZero()) {
                System.out.println("Not following it (--wait 0s).");
                return 0;
            }
            follow(records, placed.sessionId(), wait, settings.receiver().apiUrl().toString(), clock);
        }
        return 0;
    }

    /** Prints each change of the call until it is transcribed, ends without a conversation, or {@code wait} runs out. */
    private static void follow(TestCallRepository records, String sessionId, Duration wait, String apiUrl, Clock clock)
            throws InterruptedException {
        Instant start = clock.instant();
        Instant deadline = start.plus(wait);
        String lastStatus = null;
        boolean toldPrinted = false;
        TestCallRepository.Progress progress = null;
        System.out.println("Following it for up to " + wait.toSeconds() + " s (Ctrl-C stops following, not the call):");
        while (true) {
            progress = records.progress(sessionId).orElseThrow();
            long seconds = Duration.between(start, clock.instant()).toSeconds();
            if (!progress.sessionStatus().equals(lastStatus)) {
                lastStatus = progress.sessionStatus();
                System.out.printf(Locale.ROOT, "  [%3ds] %s%n", seconds, lastStatus);
            }
            if (!toldPrinted && progress.agentContext() != null) {
                toldPrinted = true;
                System.out.printf(Locale.ROOT, "  [%3ds] connected to the agent; it was told:%n%s%n", seconds,
                        indent(pretty(progress.agentContext())));
            }
            if (done(progress) || !clock.instant().isBefore(deadline)) {
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        printOutcome(sessionId, progress, wait, apiUrl);
    }

    /** Transcribed, or ended in a way that brings no transcript: not answered, a machine, or never handed to the agent. */
    private static boolean done(TestCallRepository.Progress p) {
        SessionStatus status = SessionStatus.fromCode(p.sessionStatus()).orElse(SessionStatus.CREATED);
        if (status == SessionStatus.TRANSCRIBED) {
            return true;
        }
        if (!status.isTerminal()) {
            return false;
        }
        boolean machine = p.answeredBy() != null && p.answeredBy().startsWith("machine");
        return status != SessionStatus.COMPLETED || machine || p.connectedAt() == null;
    }

    private static void printOutcome(String sessionId, TestCallRepository.Progress p, Duration wait, String apiUrl) {
        SessionStatus status = SessionStatus.fromCode(p.sessionStatus()).orElse(SessionStatus.CREATED);
        if (status.ordinal() <= SessionStatus.QUEUED.ordinal()) {
            System.out.println("No status callback arrived in " + wait.toSeconds() + " s: is the receiver running and reachable"
                    + " at API_URL (" + apiUrl + ")? In sandbox mode the sandbox must be running too (ops/dialer sandbox).");
        } else if (ANSWERED.contains(p.sessionStatus()) && p.connectedAt() == null && p.agentContext() == null
                && p.conversationId() == null) {
            System.out.println("The call was answered but never reached the agent: no connect request for it arrived at "
                    + apiUrl + "/api/twilio/connect/" + sessionId + ", or the agent never asked who it was calling.");
        } else if (status == SessionStatus.COMPLETED && p.conversationId() == null) {
            System.out.println("No post-call transcript arrived in " + wait.toSeconds() + " s; 'ops/dialer postcall list'"
                    + " shows payloads that matched no session.");
        }
        System.out.println("Outcome of session " + sessionId + ":");
        line("session status", p.sessionStatus());
        line("call outcome", p.outcome() == null ? "(attempt " + p.attemptStatus() + ")"
                : p.outcome() + (p.answeredBy() == null ? "" : ", answered by " + p.answeredBy()));
        line("conversation", p.conversationId());
        line("intent", p.intent());
        line("summary", p.summary());
        line("matched by", p.matchMethod() == null ? null
                : p.matchMethod() + ("number_time".equals(p.matchMethod()) ? " (weak: check it)" : ""));
        if (p.error() != null) {
            line("error", p.error());
        }
    }

    private static void line(String label, String value) {
        System.out.printf(Locale.ROOT, "  %-15s %s%n", label, value == null ? "-" : value);
    }

    private static String pretty(String json) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json;
        }
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /** {@code 0s}, {@code 90s}, {@code 3m}, {@code 1h}, {@code 500ms} or ISO-8601 ({@code PT3M}). */
    static Duration duration(String text) {
        String value = text == null ? "" : text.strip();
        Matcher m = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            Duration parsed = Duration.parse(value);
            if (!parsed.isNegative()) {
                return parsed;
            }
        } catch (DateTimeParseException e) {
            // the sentence below
        }
        throw new IllegalArgumentException("--wait must be a duration like 0s, 90s, 3m or PT3M; got \"" + value + "\".");
    }
}
