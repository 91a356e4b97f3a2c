package sa.navaia.dialer.sandbox;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The subset of Twilio's REST API the dialer uses: create, fetch and list calls. */
final class TwilioApi implements HttpHandler {

    private static final Pattern CALLS = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Calls(?:/([^/]+))?\\.json$");
    private static final Set<String> EVENTS = Set.of("initiated", "ringing", "answered", "completed");
    private static final int DEFAULT_TIMEOUT_SECONDS = 60;
    private static final int MAX_TIMEOUT_SECONDS = 600;
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 1000;

    private static final Set<String> MACHINE_DETECTION = Set.of("Enable", "DetectMessageEnd");
    private static final int DEFAULT_MACHINE_DETECTION_TIMEOUT = 30;

    private final SandboxConfig config;
    private final CallRegistry calls;
    private final Responder responder;
    private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    TwilioApi(SandboxConfig config, CallRegistry calls, Responder responder) {
        this.config = config;
        this.calls = calls;
        this.responder = responder;
    }

    /**
     * Twilio limits how many REST requests an account has in flight at once; a request beyond the limit is answered
     * {@code 429} with error 20429 and not processed ("safe to retry"). Every API request counts until it is answered.
     */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (inFlight.incrementAndGet() > config.maxConcurrentRequests()) {
            inFlight.decrementAndGet();
            responder.json(exchange, 429, TwilioJson.error(429, 20429, "Too Many Requests"));
            return;
        }
        boolean[] answered = {false};
        try {
            route(exchange);
            answered[0] = true;
        } finally {
            if (!answered[0]) {
                inFlight.decrementAndGet();
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Matcher matcher = CALLS.matcher(path);
        if (!matcher.matches()) {
            reply(exchange, 404, TwilioJson.error(404, 20404, "The requested resource " + path + " was not found"));
            return;
        }
        if (!authenticated(exchange)) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Twilio API\"");
            reply(exchange, 401, TwilioJson.error(401, 20003, "Authenticate"));
            return;
        }
        if (!config.accountSid().equals(matcher.group(1))) {
            reply(exchange, 404, TwilioJson.error(404, 20404, "The requested resource " + path + " was not found"));
            return;
        }
        String callSid = matcher.group(2);
        String method = exchange.getRequestMethod();
        if (callSid == null && "POST".equals(method)) {
            create(exchange);
        } else if (callSid == null && "GET".equals(method)) {
            list(exchange, path);
        } else if ("GET".equals(method)) {
            fetch(exchange, path, callSid);
        } else {
            reply(exchange, 405, TwilioJson.error(405, 20004, "Method " + method + " not allowed on " + path));
        }
    }

    private boolean authenticated(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(header.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = (config.accountSid() + ":" + config.authToken()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, expected);
    }

    private void create(HttpExchange exchange) throws IOException {
        Instant receivedAt = config.clock().instant();
        Map<String, List<String>> form = Form.parse(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String to = Form.first(form, "To");
        String from = Form.first(form, "From");
        String url = Form.first(form, "Url");
        String machineDetection = Form.first(form, "MachineDetection");
        String fallbackUrl = Form.first(form, "FallbackUrl");
        Integer amdTimeout = machineDetectionTimeout(Form.first(form, "MachineDetectionTimeout"));
        Integer ringTimeout = ringTimeout(Form.first(form, "Timeout"));
        String asyncAmd = Form.first(form, "AsyncAmd");
        if (to == null || to.isBlank()) {
            reply(exchange, 400, TwilioJson.error(400, 21201, "No 'To' number is specified"));
        } else if (!isPhoneNumber(to)) {
            reply(exchange, 400, TwilioJson.error(400, 21211, "The 'To' number " + to + " is not a valid phone number."));
        } else if (from == null || from.isBlank()) {
            reply(exchange, 400, TwilioJson.error(400, 21213, "No 'From' number is specified"));
        } else if (!isPhoneNumber(from)) {
            reply(exchange, 400, TwilioJson.error(400, 21212,
                    "The 'From' number " + from + " is not a valid phone number, shortcode, or alphanumeric sender ID."));
        } else if (!config.ownedNumbers().contains(from)) {
            reply(exchange, 400, TwilioJson.error(400, 21210, "The source phone number provided, " + from
                    + ", is not yet verified for your account. You may only make calls from phone numbers that you've"
                    + " verified or purchased from Twilio."));
        } else if (url == null || url.isBlank()) {
            reply(exchange, 400, TwilioJson.error(400, 21205, "A 'Url' parameter is required to place a call."));
        } else if (!isHttpUrl(url) || !isOptionalHttpUrl(Form.first(form, "StatusCallback"))
                || !isOptionalHttpUrl(fallbackUrl) || !isOptionalHttpUrl(Form.first(form, "AsyncAmdStatusCallback"))) {
            reply(exchange, 400, TwilioJson.error(400, 21205, "Url " + url + " is not a valid URL."));
        } else if (ringTimeout == null) {
            // Error 21208 "Invalid Timeout": "You may specify any positive, whole integer for the Timeout parameter."
            reply(exchange, 400, TwilioJson.error(400, 21208, "Invalid Timeout: must be a positive whole number of"
                    + " seconds, at most 600; got '" + Form.first(form, "Timeout") + "'."));
        } else if (machineDetection != null && !MACHINE_DETECTION.contains(machineDetection)) {
            // Error 21234 "Invalid Machine Detection configuration value". Twilio's docs allow exactly these two
            // values; harsher where they are silent: matched case-sensitively, and "None" is refused too.
            reply(exchange, 400, TwilioJson.error(400, 21234, "Invalid Machine Detection configuration value: "
                    + "MachineDetection must be Enable or DetectMessageEnd; got '" + machineDetection + "'."));
        } else if (amdTimeout == null) {
            reply(exchange, 400, TwilioJson.error(400, 21234, "Invalid Machine Detection configuration value: "
                    + "MachineDetectionTimeout must be 3 to 60 seconds; got '"
                    + Form.first(form, "MachineDetectionTimeout") + "'."));
        } else if (asyncAmd != null && !asyncAmd.equals("true") && !asyncAmd.equals("false")) {
            reply(exchange, 400, TwilioJson.error(400, 21234, "Invalid Machine Detection configuration value: "
                    + "AsyncAmd must be true or false; got '" + asyncAmd + "'."));
        } else {
            LedgerEntry created = calls.create(callRequest(form, to, from, url, amdTimeout, ringTimeout), receivedAt);
            reply(exchange, 201, TwilioJson.call(config.accountSid(), created));
        }
    }

    /**
     * An invalid {@code StatusCallbackEvent} (any value other than {@code initiated}, {@code ringing},
     * {@code answered}, {@code completed}, each in its own parameter) does not refuse the call: field reports show
     * Twilio creates it and logs warning 21626 ("Invalid 'StatusCallbackEvent'"). Whether the valid events still come
     * is not documented; harsher: the subscription is dropped and no status callback is sent for the call.
     */
    private CallRequest callRequest(Map<String, List<String>> form, String to, String from, String url,
                                    int amdTimeout, int ringTimeout) {
        List<String> values = form.getOrDefault("StatusCallbackEvent", List.of());
        List<Integer> warnings = new ArrayList<>();
        Set<String> events = new LinkedHashSet<>(values);
        if (!EVENTS.containsAll(events)) {
            warnings.add(21626);
            events.clear();
        } else if (events.isEmpty()) {
            events.add("completed");
        }
        String machineDetection = Form.first(form, "MachineDetection");
        boolean asyncAmd = "true".equals(Form.first(form, "AsyncAmd"));
        String amdCallback = Form.first(form, "AsyncAmdStatusCallback");
        if (machineDetection != null && asyncAmd && (amdCallback == null || amdCallback.isBlank())) {
            warnings.add(21262);
        }
        return new CallRequest(to, from, url,
                upperOr(Form.first(form, "Method"), "POST"),
                blankToNull(Form.first(form, "FallbackUrl")),
                upperOr(Form.first(form, "FallbackMethod"), "POST"),
                blankToNull(Form.first(form, "StatusCallback")),
                upperOr(Form.first(form, "StatusCallbackMethod"), "POST"),
                events,
                machineDetection,
                amdTimeout,
                asyncAmd,
                blankToNull(amdCallback),
                upperOr(Form.first(form, "AsyncAmdStatusCallbackMethod"), "POST"),
                ringTimeout,
                warnings);
    }

    /** Seconds, default 30; null when it is not a whole number from 3 to 60. */
    private static Integer machineDetectionTimeout(String value) {
        if (value == null) {
            return DEFAULT_MACHINE_DETECTION_TIMEOUT;
        }
        try {
            int seconds = Integer.parseInt(value.strip());
            return seconds >= 3 && seconds <= 60 ? seconds : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String upperOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip().toUpperCase(Locale.ROOT);
    }

    /**
     * How long the call rings before it is given up as {@code no-answer}: the create request's {@code Timeout}, default
     * 60, "the maximum is 600 seconds" (call-resource page); null when it is not a positive whole number (error 21208)
     * or is above the maximum (the page does not say whether a larger value is refused or held to 600; harsher:
     * refused). The page adds that "for some call flows, we will add a 5-second buffer"; harsher, the sandbox adds none.
     */
    private static Integer ringTimeout(String value) {
        if (value == null) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        try {
            int seconds = Integer.parseInt(value.strip());
            return seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS ? seconds : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private boolean isPhoneNumber(String value) {
        if (!value.matches("\\+[0-9]{6,15}")) {
            return false;
        }
        try {
            return phoneNumbers.isPossibleNumber(phoneNumbers.parse(value, "ZZ"));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static boolean isHttpUrl(String value) {
        return value.startsWith("http://") || value.startsWith("https://");
    }

    private static boolean isOptionalHttpUrl(String value) {
        return value == null || value.isBlank() || isHttpUrl(value);
    }

    private void fetch(HttpExchange exchange, String path, String callSid) throws IOException {
        SimulatedCall call = calls.find(callSid);
        if (call == null) {
            reply(exchange, 404, TwilioJson.error(404, 20404, "The requested resource " + path + " was not found"));
        } else {
            reply(exchange, 200, TwilioJson.call(config.accountSid(), call.snapshot()));
        }
    }

    private void list(HttpExchange exchange, String path) throws IOException {
        Map<String, List<String>> query = Form.parse(exchange.getRequestURI().getRawQuery());
        Predicate<LedgerEntry> filter;
        try {
            filter = filter(query);
        } catch (DateTimeParseException e) {
            reply(exchange, 400, TwilioJson.error(400, 20001, "Invalid date: " + e.getParsedString()));
            return;
        }
        int pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, intOr(Form.first(query, "PageSize"), DEFAULT_PAGE_SIZE)));
        int page = Math.max(0, intOr(Form.first(query, "Page"), 0));
        List<LedgerEntry> matching = calls.all().stream()
                .map(SimulatedCall::snapshot)
                .filter(filter)
                .sorted(Comparator.comparing(LedgerEntry::receivedAt).reversed())
                .collect(Collectors.toList());
        int from = Math.min(matching.size(), page * pageSize);
        int to = Math.min(matching.size(), from + pageSize);
        List<Map<String, Object>> json = new ArrayList<>();
        for (LedgerEntry call : matching.subList(from, to)) {
            json.add(TwilioJson.call(config.accountSid(), call));
        }
        Map<String, String> filters = new java.util.LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (!name.equals("Page") && !name.equals("PageSize") && !name.equals("PageToken")) {
                filters.put(name, values.get(0));
            }
        });
        reply(exchange, 200, TwilioJson.page(json, path, page, pageSize, to < matching.size(), Form.encode(filters)));
    }

    private static Predicate<LedgerEntry> filter(Map<String, List<String>> query) {
        Predicate<LedgerEntry> filter = entry -> true;
        String to = Form.first(query, "To");
        String from = Form.first(query, "From");
        String status = Form.first(query, "Status");
        if (to != null) {
            filter = filter.and(entry -> to.equals(entry.to()));
        }
        if (from != null) {
            filter = filter.and(entry -> from.equals(entry.from()));
        }
        if (status != null) {
            filter = filter.and(entry -> status.equalsIgnoreCase(entry.status()));
        }
        filter = filter.and(startTime(query, "StartTime>=", (start, bound) -> !start.isBefore(bound)));
        filter = filter.and(startTime(query, "StartTime>", (start, bound) -> start.isAfter(bound)));
        filter = filter.and(startTime(query, "StartTime<=", (start, bound) -> !start.isAfter(bound)));
        filter = filter.and(startTime(query, "StartTime<", (start, bound) -> start.isBefore(bound)));
        String exact = Form.first(query, "StartTime");
        if (exact != null) {
            Instant day = parseInstant(exact);
            filter = filter.and(entry -> entry.startedAt() != null && LocalDate.ofInstant(entry.startedAt(), ZoneOffset.UTC)
                    .equals(LocalDate.ofInstant(day, ZoneOffset.UTC)));
        }
        return filter;
    }

    private interface Comparison {
        boolean test(Instant start, Instant bound);
    }

    /**
     * As Twilio: the filter is on {@code start_time}, which a call still queued behind the account's CPS
     * limit does not have ("Empty if the call has not yet been dialed"), so a queued call matches no
     * {@code StartTime} filter. Whoever looks for calls created since an instant compares
     * {@code date_created} itself.
     */
    private static Predicate<LedgerEntry> startTime(Map<String, List<String>> query, String name, Comparison comparison) {
        String value = Form.first(query, name);
        if (value == null) {
            return entry -> true;
        }
        Instant bound = parseInstant(value);
        return entry -> entry.startedAt() != null && comparison.test(entry.startedAt(), bound);
    }

    /** The SDK sends {@code yyyy-MM-dd'T'HH:mm:ss} in UTC, or a date alone. */
    private static Instant parseInstant(String value) {
        String text = value.strip();
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (text.endsWith("Z")) {
            text = text.substring(0, text.length() - 1);
        }
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }

    private static int intOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private void reply(HttpExchange exchange, int status, Map<String, Object> body) {
        responder.jsonAfterLatency(exchange, status, body, inFlight::decrementAndGet);
    }
}
