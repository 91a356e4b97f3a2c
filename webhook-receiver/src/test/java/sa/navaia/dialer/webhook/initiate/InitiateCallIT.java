package sa.navaia.dialer.webhook.initiate;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.dnc.DoNotCallScope;
import sa.navaia.dialer.webhook.ReceiverHarness;

class InitiateCallIT {

    private static HttpServer fakeTwilio;
    private static final AtomicInteger callsPlaced = new AtomicInteger();
    private static ReceiverHarness receiver;

    @BeforeAll
    static void start() throws IOException {
        fakeTwilio = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fakeTwilio.createContext("/2010-04-01/Accounts/", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int n = callsPlaced.incrementAndGet();
            String sid = "CA" + String.format("%032d", n);
            byte[] answer = ("{\"sid\":\"" + sid + "\",\"account_sid\":\"AC00000000000000000000000000000000\","
                    + "\"status\":\"queued\",\"to\":\"+14155552671\",\"from\":\"+19383362295\","
                    + "\"date_created\":\"Tue, 24 Nov 2026 04:00:00 +0000\",\"api_version\":\"2010-04-01\","
                    + "\"form_seen\":" + (form.contains("StatusCallback=") ? "true" : "false") + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        fakeTwilio.start();
        receiver = ReceiverHarness.start(TestDatabase.H2,
                Map.of("DIALER_SANDBOX_PORT", String.valueOf(fakeTwilio.getAddress().getPort())));
    }

    @AfterAll
    static void stop() {
        receiver.close();
        fakeTwilio.stop(0);
    }

    private String token(Instant expiresAt) {
        return JWT.create().withSubject("ops").withExpiresAt(expiresAt).sign(Algorithm.HMAC256(receiver.settings.receiver().jwtSecret()));
    }

    /** A 429 says the call rate is taken for the next two seconds and nothing was booked: a client tries again. */
    private HttpResponse<String> initiateAsAClientWould(String authorization, String body) {
        HttpResponse<String> answer = initiate(authorization, body);
        for (int attempt = 1; answer.statusCode() == 429 && attempt < 10; attempt++) {
            answer = initiate(authorization, body);
        }
        return answer;
    }

    private HttpResponse<String> initiate(String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(receiver.uri("/api/calls/initiate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return receiver.send(request.build());
    }

    private static final String BARE = "{\"customer_id\":\"test_customer_123\",\"phone\":\"+14155552671\",\"agent_type\":\"support\"}";
    private static final String CONSENT = "\"consent\":{\"basis\":\"express_written\",\"source\":\"web form acme.com/signup\","
            + "\"captured_at\":\"2026-11-20T14:03:00Z\",\"text_version\":\"tcpa-2026-03\",\"method\":\"web_form\"}";
    private static final String GOOD = BARE.replace("}", "," + CONSENT + "}");

    @Test
    void expiredUnsignedAndWronglySignedTokensGet401() {
        String expired = token(Instant.now().minus(Duration.ofMinutes(5)));
        String unsigned = JWT.create().withSubject("ops").withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.none());
        String wrongKey = JWT.create().withSubject("ops").withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.HMAC256("another-secret-that-is-at-least-32-characters"));

        assertThat(initiate(null, GOOD).statusCode()).isEqualTo(401);
        assertThat(initiate("Bearer " + expired, GOOD).statusCode()).isEqualTo(401);
        assertThat(initiate("Bearer " + unsigned, GOOD).statusCode()).isEqualTo(401);
        assertThat(initiate("Bearer " + wrongKey, GOOD).statusCode()).isEqualTo(401);
        assertThat(initiate("Basic dXNlcjpwYXNz", GOOD).statusCode()).isEqualTo(401);
    }

    @Test
    void badFieldsGet400NamingEachField() {
        String bearer = "Bearer " + token(Instant.now().plusSeconds(600));

        HttpResponse<String> missing = initiate(bearer, "{\"phone\":\"0938 336 2295\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"field\":\"customer_id\"").contains("\"field\":\"agent_type\"")
                .contains("\"field\":\"phone\"");
        assertThat(initiate(bearer, "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void placesTheCallAndRefusesWhatTheRulesRefuse() {
        String bearer = "Bearer " + token(Instant.now().plusSeconds(600));

        String daytime = numberWhoseLocalHourIs(true);
        HttpResponse<String> placed = initiateAsAClientWould(bearer, GOOD.replace("+14155552671", daytime));
        assertThat(placed.statusCode()).isEqualTo(200);
        assertThat(placed.body()).matches("\\{\"session_id\":\"vs_[0-9a-f]{24}\",\"call_sid\":\"CA[0-9]{32}\"}");
        String session = placed.body().substring(15, 42);
        var stored = receiver.sessions.find(session).orElseThrow();
        assertThat(stored.status().code()).isEqualTo("queued");
        assertThat(stored.callSid()).hasValueSatisfying(sid -> assertThat(sid).startsWith("CA"));

        String night = numberWhoseLocalHourIs(false);
        HttpResponse<String> outside = initiate(bearer, GOOD.replace("+14155552671", night));
        assertThat(outside.statusCode()).as(night).isEqualTo(422);
        assertThat(outside.body()).contains("outside-calling-window");
        assertThat(receiver.count("SELECT COUNT(*) FROM call_attempts WHERE phone_e164 = ? AND decision = 'skip'"
                + " AND reason_code = 'outside_calling_window'", night)).isEqualTo(1);
        assertThat(receiver.count("SELECT COUNT(*) FROM call_attempts WHERE phone_e164 = ? AND decision = 'dial'"
                + " AND status = 'placed' AND campaign_id IS NULL", daytime)).isEqualTo(1);

        HttpResponse<String> emergency = initiate(bearer, GOOD.replace("+14155552671", "+1911"));
        assertThat(emergency.statusCode()).isEqualTo(422);

        HttpResponse<String> invalid = initiate(bearer, GOOD.replace("+14155552671", "+1234567890"));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("invalid-number");

        new sa.navaia.dialer.dnc.DoNotCallRepository(receiver.db.dataSource(), java.time.Clock.systemUTC())
                .add("+14155550123", DoNotCallScope.SYSTEM, "manual", "test", null);
        HttpResponse<String> listed = initiate(bearer, GOOD.replace("+14155552671", "+14155550123"));
        // (the do-not-call list is checked before the window, so the hour does not matter here)
        assertThat(listed.statusCode()).isEqualTo(409);
        assertThat(listed.body()).contains("do-not-call");

        int placedBefore = callsPlaced.get();
        fakeTwilio.stop(0);
        HttpResponse<String> unreachable = initiate(bearer, GOOD.replace("+14155552671", daytime));
        assertThat(unreachable.statusCode()).isEqualTo(502);
        assertThat(unreachable.body()).contains("carrier-unreachable").contains("\"session_id\":\"vs_");
        assertThat(callsPlaced.get()).isEqualTo(placedBefore);
        String kept = unreachable.body().replaceAll(".*\"session_id\":\"(vs_[0-9a-f]+)\".*", "$1");
        assertThat(receiver.sessions.find(kept)).isPresent();
    }

    @Test
    void aCallWithoutAConsentBasisIsRefusedAndOneGivenInTheRequestIsRecordedWithItsProvenance() {
        String bearer = "Bearer " + token(Instant.now().plusSeconds(600));
        String daytime = numberWhoseLocalHourIs(true);
        String number = daytime.substring(0, daytime.length() - 4) + "7001";

        HttpResponse<String> refused = initiate(bearer, BARE.replace("+14155552671", number));
        HttpResponse<String> badBasis = initiate(bearer, GOOD.replace("+14155552671", number).replace("express_written", "verbal"));
        HttpResponse<String> given = initiateAsAClientWould(bearer, GOOD.replace("+14155552671", number));
        HttpResponse<String> onRecord = initiateAsAClientWould(bearer, BARE.replace("+14155552671", number));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("\"rule\":\"no-consent\"").contains("No consent basis is on record");
        assertThat(receiver.count("SELECT COUNT(*) FROM call_attempts WHERE phone_e164 = ? AND decision = 'skip'"
                + " AND reason_code = 'no_consent'", number)).isEqualTo(1);
        assertThat(badBasis.statusCode()).isEqualTo(400);
        assertThat(badBasis.body()).contains("\"field\":\"consent.basis\"").contains("express_written, express or ebr");
        assertThat(given.statusCode()).as(given.body()).isEqualTo(200);
        assertThat(onRecord.statusCode()).as(onRecord.body()).isEqualTo(200);
        assertThat(receiver.text("SELECT CONCAT(basis, '|', source, '|', text_version, '|', capture_method, '|', recorded_by)"
                + " FROM consents WHERE phone_e164 = ?", number))
                .isEqualTo("express_written|web form acme.com/signup|tcpa-2026-03|web_form|api");
    }

    @Test
    void withTheRegistryRequiredAUsNumberWaitsForAFreshSnapshotUnlessItsWrittenConsentExemptsIt() {
        try (ReceiverHarness required = ReceiverHarness.start(TestDatabase.H2, Map.of(
                "DIALER_SANDBOX_PORT", String.valueOf(fakeTwilio.getAddress().getPort()), "DIALER_NATIONAL_REGISTRY", "required"))) {
            String bearer = "Bearer " + JWT.create().withSubject("ops").withExpiresAt(Instant.now().plusSeconds(600))
                    .sign(Algorithm.HMAC256(required.settings.receiver().jwtSecret()));
            String daytime = numberWhoseLocalHourIs(true);
            String express = GOOD.replace("express_written", "express");

            HttpResponse<String> stale = required.send(HttpRequest.newBuilder(required.uri("/api/calls/initiate"))
                    .header("Content-Type", "application/json").header("Authorization", bearer)
                    .POST(HttpRequest.BodyPublishers.ofString(express.replace("+14155552671", daytime))).build());
            HttpResponse<String> exempt = required.send(HttpRequest.newBuilder(required.uri("/api/calls/initiate"))
                    .header("Content-Type", "application/json").header("Authorization", bearer)
                    .POST(HttpRequest.BodyPublishers.ofString(GOOD.replace("+14155552671", daytime))).build());

            if (daytime.startsWith("+1")) {
                assertThat(stale.statusCode()).as(stale.body()).isEqualTo(422);
                assertThat(stale.body()).contains("\"rule\":\"registry-stale\"");
                assertThat(exempt.statusCode()).as(exempt.body()).isIn(200, 429);
            } else {
                assertThat(stale.statusCode()).as("the US registry does not apply to " + daytime).isIn(200, 429);
            }
        }
    }

    /** A number whose recipients are now inside (or outside) the default 08:00-21:00 calling window. */
    private static String numberWhoseLocalHourIs(boolean inside) {
        Map<String, String> numbers = new java.util.LinkedHashMap<>();
        numbers.put("+14155552671", "America/Los_Angeles");
        numbers.put("+12127365000", "America/New_York");
        numbers.put("+442079460000", "Europe/London");
        numbers.put("+966112345678", "Asia/Riyadh");
        numbers.put("+81312345678", "Asia/Tokyo");
        numbers.put("+61291234567", "Australia/Sydney");
        for (var entry : numbers.entrySet()) {
            int hour = java.time.ZonedDateTime.now(java.time.ZoneId.of(entry.getValue())).getHour();
            boolean comfortablyInside = hour >= 9 && hour <= 19;
            boolean clearlyOutside = hour >= 22 || hour <= 6;
            if (inside ? comfortablyInside : clearlyOutside) {
                return entry.getKey();
            }
        }
        throw new AssertionError("no number fits the hour; the table covers every hour of the day");
    }
}
