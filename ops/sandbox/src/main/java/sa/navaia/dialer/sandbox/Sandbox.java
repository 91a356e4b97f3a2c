package sa.navaia.dialer.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.config.SandboxSettings;
import sa.navaia.dialer.elevenlabs.Personalization;
import sa.navaia.dialer.config.TwilioSettings;

/**
 * A local Twilio- and ElevenLabs-compatible carrier on loopback. Point the Twilio SDK at
 * {@link #baseUri()}; the sandbox plays each call out on its seeded model, calls the {@code Url} and
 * {@code StatusCallback} it was given, plays the ElevenLabs agents a {@code <Dial>} or a register-call stream
 * reaches (personalisation webhook, post-call webhooks to {@code postCallUrl}), and keeps a {@link #ledger()} of
 * every call it was asked to place.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.builder(settings).agentNumber("+19385550100")
 *         .postCallUrl(URI.create("http://127.0.0.1:8000/voice/post_call")).build().start()) {
 *     sandbox.script("+15555550123", Outcome.BUSY);
 *     TwilioRestClient client = TwilioClients.create(sandbox.twilioSettings("+19383362295"));
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

    private final SandboxConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService timeline;
    private final ScheduledExecutorService dispatcher;
    private final ExecutorService io;
    private final WebhookClient webhooks;
    private final CallRegistry calls;
    private final Responder responder;
    private final Registrations registrations = new Registrations();
    private HttpServer server;

    private Sandbox(SandboxConfig config) {
        this.config = config;
        this.timeline = scheduler("sandbox-timeline", 2);
        this.dispatcher = scheduler("sandbox-dispatcher", 1);
        this.io = Executors.newFixedThreadPool(4, threads("sandbox-io"));
        this.webhooks = new WebhookClient(config.clock());
        CallModel model = new CallModel(config.settings().seed(), config.agentLegFailureRate(), config.promptedKeyRate());
        CallPlayer player = new CallPlayer(config, timeline, webhooks, model, json, registrations,
                () -> server.getAddress().getPort());
        CallQueue queue = new CallQueue(config.clock(), config.millisBetweenCalls(), dispatcher, player::start);
        this.calls = new CallRegistry(model, queue);
        this.responder = new Responder(json, timeline, config.settings().apiLatencyMillis());
    }

    public static Builder builder(SandboxSettings settings) {
        return new Builder(settings);
    }

    /**
     * A sandbox set up as ElevenLabs would be for these dialer settings, as the README tells an operator to set it up:
     * every configured agent (at its imported number, or register-call only), the post-call webhook at
     * {@code API_URL/voice/post_call}, the personalisation webhook at {@code API_URL/api/elevenlabs/personalization}
     * with {@code DIALER_PERSONALIZATION_SECRET}, the overrides the dialer's lists may set enabled, and the secrets.
     */
    /** {@code path} below the receiver's public origin, with or without a trailing slash. */
    static URI under(URI apiUrl, String path) {
        String base = apiUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    public static Builder forDialer(DialerSettings dialer) {
        URI apiUrl = dialer.receiver().apiUrl();
        Builder builder = builder(dialer.sandbox())
                .webhookSecret(dialer.elevenLabs().webhookSecret())
                .postCallUrl(under(apiUrl, "/voice/post_call"))
                .personalization(under(apiUrl, Personalization.PATH), dialer.elevenLabs().personalizationSecret());
        if (dialer.twilio().phoneNumber() != null) {
            builder.ownedNumbers(dialer.twilio().phoneNumber());
        }
        if (dialer.elevenLabs().apiKey() != null) {
            builder.elevenLabsApiKey(dialer.elevenLabs().apiKey());
        }
        for (var agent : dialer.elevenLabs().agents().all()) {
            if (agent.phoneNumber().isPresent()) {
                builder.agent(agent.agentId(), agent.phoneNumber().get());
            } else {
                builder.registerCallAgent(agent.agentId());
            }
            builder.agentOverrides(agent.agentId(), Agent.OVERRIDABLE);
        }
        return builder;
    }

    /** Binds to 127.0.0.1 on the configured port (0 picks a free one) and starts answering. */
    public synchronized Sandbox start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), config.settings().port()), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("The sandbox cannot listen on 127.0.0.1:" + config.settings().port()
                    + " (" + e.getMessage() + "); set DIALER_SANDBOX_PORT to a free port.", e);
        }
        server.createContext("/2010-04-01/", new TwilioApi(config, calls, responder));
        server.createContext("/sandbox/", new ControlApi(this, json, responder));
        server.createContext("/v1/", new ElevenLabsApi(config, registrations, responder, json, calls));
        server.setExecutor(io);
        server.start();
        log.info("Sandbox carrier listening on {} (seed {}, time scale {}, {} calls/s, agents {}, post-call webhooks to {},"
                        + " personalisation webhook {})",
                baseUri(), config.settings().seed(), config.settings().timeScale(),
                config.settings().accountCallsPerSecond(),
                config.agents().stream().map(agent -> agent.id() + "@" + (agent.phoneNumber() == null ? "register-call" : CallPlayer.mask(agent.phoneNumber()))).toList(),
                config.postCallUrl(), config.personalizationUrl());
        return this;
    }

    /** {@code http://127.0.0.1:<port>}: the Twilio API origin for {@code TwilioClients}. */
    public URI baseUri() {
        if (server == null) {
            throw new IllegalStateException("The sandbox is not started; call start() first.");
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The Twilio settings that make the real SDK talk to this sandbox. */
    public TwilioSettings twilioSettings(String callerId) {
        return new TwilioSettings(config.accountSid(), config.authToken(), callerId, baseUri());
    }

    /** The next attempt to {@code to} ends with {@code outcome}; see {@link #script(String, Outcome, Conversation)}. */
    public void script(String to, Outcome outcome) {
        script(to, outcome, null);
    }

    /**
     * Scripts the next attempt to {@code to}. Scripts for one number are used one per attempt, in the
     * order given; the last stays in force. A null conversation is left to the seeded model.
     */
    public void script(String to, Outcome outcome, Conversation conversation) {
        calls.script(Objects.requireNonNull(to, "to"), new ScriptedCall(Objects.requireNonNull(outcome, "outcome"),
                conversation));
    }

    /** Scripts the next attempt to {@code to} in full: outcome, conversation, detection answer, agent's leg. */
    public void script(String to, CallScript script) {
        calls.script(Objects.requireNonNull(to, "to"), Objects.requireNonNull(script, "script").toScripted());
    }

    /**
     * For {@code duration} from now, the webhook receiver is unreachable: every request the sandbox sends (Twilio's and
     * ElevenLabs') fails to connect, so Twilio's requests are retried once, at once, per Twilio's default rules, and
     * then lost ({@code failedDeliveries}); ElevenLabs' are lost at once.
     */
    public void blackout(java.time.Duration duration) {
        webhooks.blackout(config.clock().instant().plus(duration));
    }

    /** Every call the sandbox was asked to place, in the order received, with what happened to it. */
    public List<LedgerEntry> ledger() {
        return calls.ledger();
    }

    public Optional<LedgerEntry> call(String callSid) {
        return Optional.ofNullable(calls.find(callSid)).map(SimulatedCall::snapshot);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
        for (ExecutorService executor : List.of(dispatcher, timeline, io)) {
            executor.shutdownNow();
        }
        webhooks.close();
        try {
            timeline.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ScheduledExecutorService scheduler(String name, int threads) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, threads(name));
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Configures a sandbox; every value but the settings has a sandbox default. */
    public static final class Builder {

        /** The agent a sandbox plays when {@link #agent(String, String)} is not called. */
        public static final String DEFAULT_AGENT_ID = "agent_sandbox";
        public static final String DEFAULT_AGENT_NUMBER = "+19385550100";
        /** The sandbox account's own number, the sandbox caller ID: always owned. */
        public static final String DEFAULT_CALLER_ID = "+19383362295";
        /**
         * REST requests the account may have in flight at once. Twilio documents a per-account concurrency limit
         * (error 20429) but not its default; 100 is assumed.
         */
        public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 100;
        /** The share of unscripted {@code <Dial>}s to an agent whose leg fails (busy, no answer, failed). */
        public static final double DEFAULT_AGENT_LEG_FAILURE_RATE = 0.02;
        /** The share of unscripted people who press the key a {@code <Gather>}'s prompt names (e.g. to opt out). */
        public static final double DEFAULT_PROMPTED_KEY_RATE = 0.05;

        private final SandboxSettings settings;
        private String accountSid = SandboxSettings.ACCOUNT_SID;
        private String authToken = SandboxSettings.AUTH_TOKEN;
        private String webhookSecret = SandboxSettings.WEBHOOK_SECRET;
        private String agentNumber = DEFAULT_AGENT_NUMBER;
        private String agentId = DEFAULT_AGENT_ID;
        private final Map<String, String> agents = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        private final Map<String, Set<String>> agentVariables = new LinkedHashMap<>();
        private final Map<String, Set<String>> agentOverrides = new LinkedHashMap<>();
        private URI postCallUrl;
        private boolean sendPostCallAudio;
        private URI personalizationUrl;
        private String personalizationSecret = SandboxSettings.PERSONALIZATION_SECRET;
        private String elevenLabsApiKey = SandboxSettings.ELEVENLABS_API_KEY;
        private boolean autoDisableFailingWebhooks = true;
        private Clock clock = Clock.systemUTC();
        private final Set<String> ownedNumbers = new java.util.LinkedHashSet<>(Set.of(DEFAULT_CALLER_ID));
        private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
        private double callbackDropRate;
        private double agentLegFailureRate = DEFAULT_AGENT_LEG_FAILURE_RATE;
        private double promptedKeyRate = DEFAULT_PROMPTED_KEY_RATE;

        private Builder(SandboxSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder credentials(String accountSid, String authToken) {
            this.accountSid = accountSid;
            this.authToken = authToken;
            return this;
        }

        /** The secret that signs ElevenLabs webhooks ({@code ELEVENLABS_WEBHOOK_SECRET}). */
        public Builder webhookSecret(String webhookSecret) {
            this.webhookSecret = webhookSecret;
            return this;
        }

        /**
         * The default agent's number ({@code ELEVENLABS_PHONE_NUMBER}): a {@code <Dial>} to it reaches the agent.
         * Ignored once {@link #agent(String, String)} is called.
         */
        public Builder agentNumber(String agentNumber) {
            this.agentNumber = agentNumber;
            return this;
        }

        /** The default agent's id; ignored once {@link #agent(String, String)} is called. */
        public Builder agentId(String agentId) {
            this.agentId = agentId;
            return this;
        }

        /**
         * Adds an agent with the Twilio number imported for it; call once per agent. Once called, the sandbox plays
         * exactly the agents added this way (the default agent of {@link #agentId}/{@link #agentNumber} is not played).
         */
        public Builder agent(String agentId, String phoneNumber) {
            if (agents.containsKey(agentId)) {
                problems.add("agent " + agentId + " is added twice.");
            }
            agents.put(agentId, phoneNumber);
            return this;
        }

        /** Adds an agent whose number was never imported into ElevenLabs: only register-call reaches it. */
        public Builder registerCallAgent(String agentId) {
            if (agents.containsKey(agentId)) {
                problems.add("agent " + agentId + " is added twice.");
            }
            agents.put(agentId, null);
            return this;
        }

        /**
         * The dynamic variables {@code agentId} defines (its prompt and first message use them; default none). A
         * personalisation answer must give every one of them, or the agent's leg is dropped.
         */
        public Builder agentVariables(String agentId, Set<String> names) {
            agentVariables.put(agentId, Set.copyOf(names));
            return this;
        }

        /**
         * The override fields enabled in {@code agentId}'s security settings, from {@code agent.first_message},
         * {@code agent.language}, {@code agent.prompt.prompt}, {@code tts.voice_id} (default: none, as a new ElevenLabs agent).
         * An override of any other field fails the conversation, as ElevenLabs throws.
         */
        public Builder agentOverrides(String agentId, Set<String> fields) {
            agentOverrides.put(agentId, Set.copyOf(fields));
            return this;
        }

        /** Where the agent posts its webhooks, e.g. {@code http://127.0.0.1:8000/voice/post_call}; null: nowhere. */
        public Builder postCallUrl(URI postCallUrl) {
            this.postCallUrl = postCallUrl;
            return this;
        }

        public Builder sendPostCallAudio(boolean send) {
            this.sendPostCallAudio = send;
            return this;
        }

        /**
         * The conversation initiation client data webhook ("Twilio personalisation"): before a conversation on a
         * {@code <Dial>}ed agent number starts, the agent POSTs {@code caller_id}, {@code agent_id},
         * {@code called_number}, {@code call_sid} to {@code url} with {@code X-Dialer-Secret: secret}. Null: none.
         */
        public Builder personalization(URI url, String secret) {
            this.personalizationUrl = url;
            this.personalizationSecret = secret;
            return this;
        }

        /** {@link #personalization(URI, String)} with {@code SandboxSettings.PERSONALIZATION_SECRET}. */
        public Builder personalization(URI url) {
            return personalization(url, SandboxSettings.PERSONALIZATION_SECRET);
        }

        /** The {@code xi-api-key} the sandbox's ElevenLabs API accepts (default {@code SandboxSettings.ELEVENLABS_API_KEY}). */
        public Builder elevenLabsApiKey(String apiKey) {
            this.elevenLabsApiKey = apiKey;
            return this;
        }

        /**
         * ElevenLabs disables a post-call webhook after 10 or more consecutive failures when its last success was
         * more than 7 days ago or never happened; the sandbox does the same (default true).
         */
        public Builder autoDisableFailingWebhooks(boolean autoDisable) {
            this.autoDisableFailingWebhooks = autoDisable;
            return this;
        }

        /**
         * Adds numbers the account owns (bought or verified): a create-call {@code From} any other number is refused
         * with 21210. {@value #DEFAULT_CALLER_ID} is always owned.
         */
        public Builder ownedNumbers(String... numbers) {
            for (String number : numbers) {
                if (number == null || number.isBlank()) {
                    problems.add("ownedNumbers cannot hold a blank number.");
                } else {
                    ownedNumbers.add(number.strip());
                }
            }
            return this;
        }

        /** REST requests in flight at once before Twilio answers 429 (error 20429); default 100. */
        public Builder maxConcurrentRequests(int max) {
            this.maxConcurrentRequests = max;
            return this;
        }

        /** The share of status callbacks never sent at all (counted as {@code droppedCallbacks}); default 0. */
        public Builder callbackDropRate(double rate) {
            this.callbackDropRate = rate;
            return this;
        }

        /**
         * The share of unscripted {@code <Dial>}s to an agent whose leg does not connect (e.g. an ElevenLabs
         * concurrency limit): 60% {@code failed}, 20% {@code busy}, 20% {@code no-answer}; default 0.02.
         */
        public Builder agentLegFailureRate(double rate) {
            this.agentLegFailureRate = rate;
            return this;
        }

        /**
         * The share of unscripted calls whose person, at a {@code <Gather>}, presses the key its prompt names ("press
         * 9"), once the prompt was said; the others press nothing. Default 0.05.
         */
        public Builder promptedKeyRate(double rate) {
            this.promptedKeyRate = rate;
            return this;
        }

        /** Timestamps and the CPS spacing read this clock; it must move with real time (or faster). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Sandbox build() {
            List<String> problems = new ArrayList<>(this.problems);
            if (settings.port() < 0 || settings.port() > 65535) {
                problems.add("port must be 0 (any free port) to 65535; got " + settings.port() + ".");
            }
            if (!(settings.timeScale() > 0)) {
                problems.add("timeScale must be above 0 (60 plays a 60 s call in 1 s); got " + settings.timeScale() + ".");
            }
            if (!(settings.accountCallsPerSecond() > 0)) {
                problems.add("accountCallsPerSecond must be above 0; got " + settings.accountCallsPerSecond() + ".");
            }
            if (settings.apiLatencyMillis() < 0) {
                problems.add("apiLatencyMillis must be 0 or more; got " + settings.apiLatencyMillis() + ".");
            }
            checkRate(problems, "duplicateCallbackRate", settings.duplicateCallbackRate());
            checkRate(problems, "reorderCallbackRate", settings.reorderCallbackRate());
            checkRate(problems, "callbackDropRate", callbackDropRate);
            checkRate(problems, "agentLegFailureRate", agentLegFailureRate);
            checkRate(problems, "promptedKeyRate", promptedKeyRate);
            if (maxConcurrentRequests < 1) {
                problems.add("maxConcurrentRequests must be 1 or more; got " + maxConcurrentRequests + ".");
            }
            checkText(problems, "accountSid", accountSid);
            checkText(problems, "authToken", authToken);
            checkText(problems, "webhookSecret", webhookSecret);
            checkText(problems, "elevenLabsApiKey", elevenLabsApiKey);
            if (personalizationUrl != null) {
                checkText(problems, "the personalisation secret", personalizationSecret);
            }
            Map<String, String> numbersById = agents.isEmpty() ? new LinkedHashMap<>() : agents;
            if (agents.isEmpty()) {
                checkText(problems, "agentNumber", agentNumber);
                checkText(problems, "agentId", agentId);
                numbersById.put(agentId, agentNumber);
            }
            List<Agent> configured = agents(problems, numbersById);
            if (clock == null) {
                problems.add("clock is required.");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Invalid sandbox configuration: " + String.join(" ", problems));
            }
            return new Sandbox(new SandboxConfig(settings, accountSid, authToken, webhookSecret, configured,
                    postCallUrl, sendPostCallAudio, personalizationUrl, personalizationSecret, elevenLabsApiKey,
                    autoDisableFailingWebhooks, clock, ownedNumbers, maxConcurrentRequests, callbackDropRate,
                    agentLegFailureRate, promptedKeyRate));
        }

        private List<Agent> agents(List<String> problems, Map<String, String> numbersById) {
            List<Agent> configured = new ArrayList<>();
            Set<String> numbers = new HashSet<>();
            numbersById.forEach((id, number) -> {
                checkText(problems, "agent id", id);
                if (number == null && !agents.containsKey(id)) {
                    checkText(problems, "the phone number of agent " + id, number);
                }
                if (number != null && !numbers.add(number)) {
                    problems.add("phone number " + number + " is given to two agents; a number reaches one agent.");
                }
                Set<String> variables = agentVariables.getOrDefault(id, Set.of());
                variables.stream().filter(name -> name.startsWith("system__")).forEach(name -> problems.add(
                        "agent " + id + " cannot define " + name + ": the system__ prefix is reserved."));
                Set<String> overrides = agentOverrides.getOrDefault(id, Set.of());
                overrides.stream().filter(field -> !Agent.OVERRIDABLE.contains(field)).forEach(field -> problems.add(
                        "agent " + id + " cannot enable override " + field + "; overridable fields are "
                                + new TreeSet<>(Agent.OVERRIDABLE) + "."));
                configured.add(new Agent(id, number, variables, overrides));
            });
            for (String id : agentVariables.keySet()) {
                if (!numbersById.containsKey(id)) {
                    problems.add("agentVariables names agent " + id + ", which is not configured.");
                }
            }
            for (String id : agentOverrides.keySet()) {
                if (!numbersById.containsKey(id)) {
                    problems.add("agentOverrides names agent " + id + ", which is not configured.");
                }
            }
            return configured;
        }

        private static void checkRate(List<String> problems, String name, double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                problems.add(name + " must be between 0 and 1; got " + rate + ".");
            }
        }

        private static void checkText(List<String> problems, String name, String value) {
            if (value == null || value.isBlank()) {
                problems.add(name + " is required.");
            }
        }
    }
}
