package sa.navaia.dialer.config;

/**
 * Every setting the dialer reads, with its default and meaning. The README's table and
 * {@code ops/.env.example} document exactly these (a test checks it).
 */
public enum Setting {
    TWILIO_ACCOUNT_SID("", "Twilio account SID (AC + 32 hex characters). Unset, together with TWILIO_AUTH_TOKEN: sandbox mode."),
    TWILIO_AUTH_TOKEN("", "Twilio auth token; also the key of X-Twilio-Signature. Secret."),
    TWILIO_PHONE_NUMBER("+19383362295 (sandbox only)", "Caller ID for outbound calls, E.164. Required in live mode."),
    ELEVENLABS_PHONE_NUMBER("+19385550100 (sandbox only)", "The ElevenLabs agent's number that answered calls are forwarded to, E.164. Required in live mode."),
    API_URL("http://127.0.0.1:<DIALER_PORT> (sandbox only)", "Public origin of the webhook receiver, as Twilio and ElevenLabs call it. https, required in live mode."),
    ELEVENLABS_WEBHOOK_SECRET("the sandbox's secret (sandbox only)", "Secret of the ElevenLabs-Signature header on post-call webhooks. Required in live mode. Secret."),
    ELEVENLABS_AGENT_ID("agent_sandbox (sandbox only)", "ElevenLabs agent id of the one agent \"support\" that ELEVENLABS_PHONE_NUMBER reaches, when DIALER_AGENTS is unset."),
    ELEVENLABS_API_KEY("the sandbox's key (sandbox only)", "xi-api-key for ElevenLabs' API: register-call agents, and the sweeper's look-ups of transcripts that never came. Required in live mode. Secret."),
    DIALER_AGENTS("(unset: one agent \"support\", ELEVENLABS_AGENT_ID at ELEVENLABS_PHONE_NUMBER)", "The agents campaigns name: comma-separated name:agent_id:target, the target the agent's imported E.164 number (reached by <Dial>) or register-call, like support:agent_7101k:+19385550100,sales:agent_9f2c:register-call."),
    DIALER_PERSONALIZATION_SECRET("the sandbox's secret (sandbox only)", "Secret ElevenLabs sends in the X-Dialer-Secret header of its personalisation webhook (configure it in ElevenLabs' webhook settings). Required in live mode. Secret."),
    DIALER_ELEVENLABS_API_URL("https://api.elevenlabs.io (live), the sandbox (sandbox mode)", "Origin of ElevenLabs' API, for register-call agents."),
    DIALER_DATA_DIR("./data", "Folder for the embedded database, reports and campaign inboxes."),
    DIALER_DB_URL("jdbc:h2:file:<DIALER_DATA_DIR>/dialer;MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE", "JDBC URL: jdbc:mysql://host:3306/db for MySQL/MariaDB, jdbc:h2:... for the embedded database."),
    DIALER_DB_USER("sa", "Database user."),
    DIALER_DB_PASSWORD("(empty)", "Database password. Secret."),
    DIALER_DB_POOL_SIZE("40", "Most connections per process, opened as needed. A worker's placer threads each hold one while they record a call or book its rate tokens: keep it at least DIALER_PLACER_THREADS + 8."),
    DIALER_PORT("8000", "Port of the webhook receiver."),
    DIALER_METRICS_PORT("8081", "Management port of the worker: /actuator/health/liveness, /actuator/health/readiness and /actuator/prometheus (ops/monitoring). 0 serves none. Keep it off the public network."),
    DIALER_RECEIVER_METRICS_PORT("8001", "Management port of the webhook receiver: /health/liveness, /health/readiness and /prometheus (ops/monitoring). 0 serves none. Keep it off the public network."),
    DIALER_JWT_SECRET("a fixed development secret (sandbox only)", "HS256 secret of the bearer tokens of /api/calls/initiate, at least 32 characters. Required in live mode. Secret."),
    DIALER_AGENT_DIAL_TIMEOUT("8", "Seconds the agent's <Dial> rings before it gives up (5 to 600; Twilio's default is 30). A leg the agent does not answer in time falls to the campaign's identification message this soon: keep it low, but above how long the agent's number takes to answer (ElevenLabs asks the personalisation webhook first)."),
    DIALER_MAX_BODY_BYTES("5242880", "Largest webhook request body accepted, in bytes."),
    DIALER_WEBHOOK_RATE_PER_SOURCE("200", "Requests per second one source address may make to the receiver (429 beyond). Requests with a valid Twilio or ElevenLabs signature, or the personalisation secret, are never counted or refused."),
    DIALER_TRUSTED_PROXIES("(none)", "Proxies and load balancers in front of the receiver and the console, comma-separated IPs or CIDR ranges, like 10.0.0.0/8,192.168.1.7. Only from these are X-Forwarded-For (the client's address, for the receiver's rate limit) and, on the console, X-Forwarded-Proto (https: secure session cookie) believed; otherwise the direct peer is the client and the headers are ignored."),
    DIALER_JOURNAL_DIR("<DIALER_DATA_DIR>/journal", "Folder of the receiver's local journal: verified webhooks the database could not take are written here (flushed to disk before they are answered) and stored in the inbox once it is back. One folder per receiver process; keep it on a durable disk."),
    DIALER_CONSOLE_PORT("8080", "Port of the console and HTTP API, served by 'ops/dialer worker'."),
    DIALER_CONSOLE_IDLE_TIMEOUT("30m", "A console session ends after this long without a request (then sign in again): a number with s, m or h, like 30m or 2h."),
    DIALER_CONSOLE_SESSION_LIFETIME("12h", "A console session ends this long after its sign-in, however busy: a number with s, m or h, like 12h."),
    DIALER_ACCOUNT_CPS("1", "Calls per second for the whole Twilio account, shared by every worker through the database."),
    DIALER_NUMBER_CPS("1", "Calls per second per caller-ID number (Twilio's default is 1)."),
    DIALER_PLACER_THREADS("32", "Create-call requests in flight at once per worker."),
    DIALER_NATIONAL_REGISTRY("required (live), off (sandbox)", "required: a US number is dialed only against a National Do Not Call Registry snapshot no older than 31 days (ops/dialer registry import), unless its consent basis exempts it; off: no registry check (calls that are not telemarketing)."),
    DIALER_RETENTION_TRANSCRIPT_DAYS("365", "Days transcripts, summaries, collected data and their stored payloads are kept; the daily purge removes older ones."),
    DIALER_RETENTION_AUDIO_DAYS("30", "Days stored post-call audio payloads are kept."),
    DIALER_RETENTION_VARIABLES_DAYS("365", "Days a finished contact's variables (the list's other columns) are kept after its last change."),
    DIALER_RETENTION_CALL_RECORD_DAYS("1830", "Days call records (attempts and skips, sessions, calls, bookings, tickets) are kept; at least 1830, the TSR's five years (16 CFR 310.5). Do-not-call entries are never purged."),
    DIALER_PURGE_CRON("0 30 3 * * ?", "Quartz cron, in UTC, of the daily retention purge (run once across the workers)."),
    DIALER_SANDBOX_PORT("8010", "Port of the local Twilio/ElevenLabs sandbox (sandbox mode)."),
    DIALER_SANDBOX_SEED("42", "Seed of the sandbox's random call model: the same seed plays the same outcomes."),
    DIALER_SANDBOX_TIME_SCALE("1", "How many times faster than real time sandbox calls ring and talk."),
    DIALER_SANDBOX_API_LATENCY_MS("150", "Simulated latency of the sandbox's REST API, in milliseconds."),
    DIALER_SANDBOX_CPS("50", "The sandbox account's calls-per-second limit; faster requests queue, as at Twilio."),
    DIALER_SANDBOX_DUPLICATE_RATE("0", "Share of status callbacks the sandbox sends twice, 0 to 1."),
    DIALER_SANDBOX_REORDER_RATE("0", "Share of status callbacks the sandbox delivers out of order, 0 to 1.");

    private final String defaultValue;
    private final String meaning;

    Setting(String defaultValue, String meaning) {
        this.defaultValue = defaultValue;
        this.meaning = meaning;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String meaning() {
        return meaning;
    }
}
