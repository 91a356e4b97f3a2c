package sa.navaia.dialer.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sa.navaia.dialer.agent.Agent;
import sa.navaia.dialer.agent.Agents;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.retention.Retention;

/**
 * Reads every setting from the environment and from a {@code .env} file in the working directory
 * (the environment wins), validates them all, and reports every problem at once, one sentence each.
 */
public final class SettingsLoader {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*([smh])");
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final String SANDBOX_CALLER_ID = "+19383362295";
    private static final String SANDBOX_AGENT_NUMBER = "+19385550100";
    private static final String SANDBOX_AGENT_ID = "agent_sandbox";
    /** The seed's {@code agent_type}: the name of the one agent when {@code DIALER_AGENTS} is unset. */
    public static final String DEFAULT_AGENT_NAME = "support";
    private static final String SANDBOX_JWT_SECRET = "sandbox-jwt-secret-not-for-production-use";
    private static final int MIN_JWT_SECRET_LENGTH = 32;

    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    private SettingsLoader(Map<String, String> values) {
        this.values = values;
    }

    /** Reads the process environment and {@code ./.env}. */
    public static DialerSettings fromEnvironment() {
        return load(System.getenv(), Path.of(".env"));
    }

    /** Reads {@code environment} over the variables of {@code dotEnv} (which may be absent). */
    public static DialerSettings load(Map<String, String> environment, Path dotEnv) {
        Map<String, String> merged = new HashMap<>(readDotEnv(dotEnv));
        environment.forEach((name, value) -> {
            if (name.startsWith("DIALER_") || isSeedName(name)) {
                merged.put(name, value);
            }
        });
        return new SettingsLoader(merged).validate();
    }

    private static boolean isSeedName(String name) {
        return name.startsWith("TWILIO_") || name.startsWith("ELEVENLABS_") || name.equals("API_URL");
    }

    /** Parses {@code KEY=VALUE} lines; blank lines, {@code #} comments and an {@code export } prefix are allowed. */
    static Map<String, String> readDotEnv(Path file) {
        Map<String, String> result = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return result;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            } else {
                int comment = value.indexOf(" #");
                if (comment >= 0) {
                    value = value.substring(0, comment).strip();
                }
            }
            result.put(name, value);
        }
        return result;
    }

    private DialerSettings validate() {
        String accountSid = text(Setting.TWILIO_ACCOUNT_SID);
        String authToken = text(Setting.TWILIO_AUTH_TOKEN);
        Mode mode = accountSid == null && authToken == null ? Mode.SANDBOX : Mode.LIVE;
        if (mode == Mode.LIVE) {
            if (accountSid == null) {
                problems.add("TWILIO_ACCOUNT_SID must be set when TWILIO_AUTH_TOKEN is set (live mode needs both; unset both for sandbox mode).");
            } else if (!ACCOUNT_SID.matcher(accountSid).matches()) {
                problems.add("TWILIO_ACCOUNT_SID must be a Twilio account SID, AC followed by 32 hexadecimal characters; got \"" + accountSid + "\".");
            }
            if (authToken == null) {
                problems.add("TWILIO_AUTH_TOKEN must be set when TWILIO_ACCOUNT_SID is set (live mode needs both; unset both for sandbox mode).");
            }
        }

        Path dataDir = Path.of(orDefault(Setting.DIALER_DATA_DIR, "./data"));
        int port = integer(Setting.DIALER_PORT, 8000, 1, 65535);
        int sandboxPort = integer(Setting.DIALER_SANDBOX_PORT, 8010, 1, 65535);
        MonitoringSettings monitoring = new MonitoringSettings(integer(Setting.DIALER_METRICS_PORT, 8081, 0, 65535),
                integer(Setting.DIALER_RECEIVER_METRICS_PORT, 8001, 0, 65535));

        String callerId = e164(Setting.TWILIO_PHONE_NUMBER, mode, SANDBOX_CALLER_ID);
        String agentsValue = text(Setting.DIALER_AGENTS);
        String agentNumber = agentsValue != null && text(Setting.ELEVENLABS_PHONE_NUMBER) == null
                ? null : e164(Setting.ELEVENLABS_PHONE_NUMBER, mode, SANDBOX_AGENT_NUMBER);
        Agents agents = agents(agentsValue, agentNumber, mode);
        String personalizationSecret = secret(Setting.DIALER_PERSONALIZATION_SECRET, mode,
                SandboxSettings.PERSONALIZATION_SECRET, 16);
        String elevenLabsApiKey = text(Setting.ELEVENLABS_API_KEY);
        if (elevenLabsApiKey == null) {
            if (mode == Mode.LIVE) {
                problems.add("ELEVENLABS_API_KEY must be set in live mode: the sweeper fetches transcripts ElevenLabs did not"
                        + " deliver" + (agents.anyRegisterCall() ? ", and register-call agents need it (" + agents + ")" : "")
                        + ".");
            }
            elevenLabsApiKey = mode == Mode.SANDBOX ? SandboxSettings.ELEVENLABS_API_KEY : null;
        }
        URI apiUrl = apiUrl(mode, port);
        String webhookSecret = secret(Setting.ELEVENLABS_WEBHOOK_SECRET, mode, SandboxSettings.WEBHOOK_SECRET, 1);
        String jwtSecret = secret(Setting.DIALER_JWT_SECRET, mode, SANDBOX_JWT_SECRET, MIN_JWT_SECRET_LENGTH);

        String dbUrl = orDefault(Setting.DIALER_DB_URL,
                "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("dialer")
                        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE");
        if (!(dbUrl.startsWith("jdbc:h2:") || dbUrl.startsWith("jdbc:mysql:") || dbUrl.startsWith("jdbc:mariadb:"))) {
            problems.add("DIALER_DB_URL must be a jdbc:mysql:, jdbc:mariadb: or jdbc:h2: URL, like jdbc:mysql://127.0.0.1:3306/dialer; got \"" + dbUrl + "\".");
        }
        DatabaseSettings database = new DatabaseSettings(dbUrl,
                orDefault(Setting.DIALER_DB_USER, "sa"),
                orDefault(Setting.DIALER_DB_PASSWORD, ""),
                integer(Setting.DIALER_DB_POOL_SIZE, 40, 1, 500));

        ReceiverSettings receiver = new ReceiverSettings(port, apiUrl, jwtSecret,
                integer(Setting.DIALER_MAX_BODY_BYTES, 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
                integer(Setting.DIALER_WEBHOOK_RATE_PER_SOURCE, 200, 1, 1_000_000),
                TrustedProxies.parse(text(Setting.DIALER_TRUSTED_PROXIES), Setting.DIALER_TRUSTED_PROXIES.name(), problems),
                Path.of(orDefault(Setting.DIALER_JOURNAL_DIR, dataDir.resolve("journal").toString())),
                integer(Setting.DIALER_AGENT_DIAL_TIMEOUT, 8, 5, 600));
        DialingSettings dialing = new DialingSettings(
                positive(Setting.DIALER_ACCOUNT_CPS, 1),
                positive(Setting.DIALER_NUMBER_CPS, 1),
                integer(Setting.DIALER_PLACER_THREADS, 32, 1, 1024),
                nationalRegistry(mode));
        SandboxSettings sandbox = new SandboxSettings(sandboxPort,
                longInteger(Setting.DIALER_SANDBOX_SEED, 42),
                positive(Setting.DIALER_SANDBOX_TIME_SCALE, 1),
                integer(Setting.DIALER_SANDBOX_API_LATENCY_MS, 150, 0, 60_000),
                positive(Setting.DIALER_SANDBOX_CPS, 50),
                rate(Setting.DIALER_SANDBOX_DUPLICATE_RATE),
                rate(Setting.DIALER_SANDBOX_REORDER_RATE));

        RetentionSettings retention = new RetentionSettings(new Retention(
                Duration.ofDays(integer(Setting.DIALER_RETENTION_TRANSCRIPT_DAYS, 365, 1, 36_500)),
                Duration.ofDays(integer(Setting.DIALER_RETENTION_AUDIO_DAYS, 30, 1, 36_500)),
                Duration.ofDays(integer(Setting.DIALER_RETENTION_VARIABLES_DAYS, 365, 1, 36_500)),
                Duration.ofDays(integer(Setting.DIALER_RETENTION_CALL_RECORD_DAYS, 1830, 1830, 36_500))),
                orDefault(Setting.DIALER_PURGE_CRON, "0 30 3 * * ?"));

        URI apiOrigin = mode == Mode.LIVE ? TwilioSettings.LIVE_ORIGIN : URI.create("http://127.0.0.1:" + sandboxPort);
        URI elevenLabsApi = origin(Setting.DIALER_ELEVENLABS_API_URL,
                mode == Mode.LIVE ? ElevenLabsSettings.LIVE_API_ORIGIN : apiOrigin);
        TwilioSettings twilio = mode == Mode.LIVE
                ? new TwilioSettings(accountSid, authToken, callerId, apiOrigin)
                : new TwilioSettings(SandboxSettings.ACCOUNT_SID, SandboxSettings.AUTH_TOKEN, callerId, apiOrigin);

        ConsoleSettings console = new ConsoleSettings(integer(Setting.DIALER_CONSOLE_PORT, 8080, 1, 65535),
                duration(Setting.DIALER_CONSOLE_IDLE_TIMEOUT, Duration.ofMinutes(30)),
                duration(Setting.DIALER_CONSOLE_SESSION_LIFETIME, Duration.ofHours(12)), receiver.trustedProxies());

        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        ElevenLabsSettings elevenLabs = new ElevenLabsSettings(agents.first().phoneNumber().orElse(null), webhookSecret,
                agents, personalizationSecret, elevenLabsApiKey, elevenLabsApi);
        return new DialerSettings(mode, twilio, elevenLabs, database, receiver, dialing, sandbox, dataDir, console,
                monitoring, retention);
    }

    /** {@code DIALER_AGENTS}, or else the seed's one agent: "support" at {@code ELEVENLABS_PHONE_NUMBER}. */
    private Agents agents(String value, String agentNumber, Mode mode) {
        if (value != null) {
            return Agents.parse(value, PhoneNumbers::isE164, problems)
                    .orElseGet(() -> new Agents(List.of(Agent.dialed(DEFAULT_AGENT_NAME, SANDBOX_AGENT_ID, SANDBOX_AGENT_NUMBER))));
        }
        String agentId = text(Setting.ELEVENLABS_AGENT_ID);
        if (agentId == null) {
            agentId = mode == Mode.SANDBOX ? SANDBOX_AGENT_ID : "unconfigured";
        }
        return new Agents(List.of(Agent.dialed(DEFAULT_AGENT_NAME, agentId,
                agentNumber == null ? SANDBOX_AGENT_NUMBER : agentNumber)));
    }

    private URI origin(Setting setting, URI defaultValue) {
        String value = text(setting);
        if (value == null) {
            return defaultValue;
        }
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        problems.add(setting.name() + " must be an absolute http(s) URL, like " + ElevenLabsSettings.LIVE_API_ORIGIN
                + "; got \"" + value + "\".");
        return defaultValue;
    }

    private String text(Setting setting) {
        String value = values.get(setting.name());
        return value == null || value.isBlank() ? null : value.strip();
    }

    private String orDefault(Setting setting, String defaultValue) {
        String value = text(setting);
        return value == null ? defaultValue : value;
    }

    private String e164(Setting setting, Mode mode, String sandboxDefault) {
        String value = text(setting);
        if (value == null) {
            if (mode == Mode.LIVE) {
                problems.add(setting.name() + " must be set in live mode, as an E.164 number like " + SANDBOX_CALLER_ID + ".");
            }
            return sandboxDefault;
        }
        if (!PhoneNumbers.isE164(value)) {
            problems.add(setting.name() + " must be E.164, like " + SANDBOX_CALLER_ID + "; got \"" + value + "\".");
        }
        return value;
    }

    private URI apiUrl(Mode mode, int port) {
        String value = text(Setting.API_URL);
        if (value == null) {
            if (mode == Mode.LIVE) {
                problems.add("API_URL must be set in live mode, as the receiver's public https origin, like https://dialer.example.com.");
            }
            return URI.create("http://127.0.0.1:" + port);
        }
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        try {
            URI uri = new URI(trimmed);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!web || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                problems.add("API_URL must be an absolute http(s) URL without query, like https://dialer.example.com; got \"" + value + "\".");
            } else if (mode == Mode.LIVE && !"https".equals(uri.getScheme())) {
                problems.add("API_URL must use https in live mode, because Twilio calls it over the internet; got \"" + value + "\".");
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add("API_URL must be an absolute http(s) URL, like https://dialer.example.com; got \"" + value + "\".");
            return URI.create("http://127.0.0.1:" + port);
        }
    }

    private String secret(Setting setting, Mode mode, String sandboxDefault, int minimumLength) {
        String value = text(setting);
        if (value == null) {
            if (mode == Mode.LIVE) {
                problems.add(setting.name() + " must be set in live mode.");
            }
            return sandboxDefault;
        }
        if (value.length() < minimumLength) {
            problems.add(setting.name() + " must be at least " + minimumLength + " characters long; got " + value.length() + ".");
        }
        return value;
    }

    private boolean nationalRegistry(Mode mode) {
        String value = text(Setting.DIALER_NATIONAL_REGISTRY);
        if (value == null) {
            return mode == Mode.LIVE;
        }
        if (value.equalsIgnoreCase("required") || value.equalsIgnoreCase("off")) {
            return value.equalsIgnoreCase("required");
        }
        problems.add("DIALER_NATIONAL_REGISTRY must be required or off; got \"" + value + "\".");
        return true;
    }

    private int integer(Setting setting, int defaultValue, int min, int max) {
        String value = text(setting);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(setting.name() + " must be a whole number from " + min + " to " + max + "; got \"" + value + "\".");
        return defaultValue;
    }

    /** A duration as people write it: a whole number of seconds, minutes or hours, like 90s, 30m or 12h. */
    private Duration duration(Setting setting, Duration defaultValue) {
        String value = text(setting);
        if (value == null) {
            return defaultValue;
        }
        Matcher parts = DURATION.matcher(value.strip());
        if (parts.matches() && Long.parseLong(parts.group(1)) > 0) {
            long amount = Long.parseLong(parts.group(1));
            return switch (parts.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        problems.add(setting.name() + " must be a whole number greater than 0 followed by s, m or h, like 30m; got \""
                + value + "\".");
        return defaultValue;
    }

    private long longInteger(Setting setting, long defaultValue) {
        String value = text(setting);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            problems.add(setting.name() + " must be a whole number; got \"" + value + "\".");
            return defaultValue;
        }
    }

    private double positive(Setting setting, double defaultValue) {
        String value = text(setting);
        if (value == null) {
            return defaultValue;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed > 0 && Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(setting.name() + " must be a number greater than 0; got \"" + value + "\".");
        return defaultValue;
    }

    private double rate(Setting setting) {
        String value = text(setting);
        if (value == null) {
            return 0;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(setting.name() + " must be a number from 0 to 1; got \"" + value + "\".");
        return 0;
    }
}
