package sa.navaia.dialer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sa.navaia.dialer.config.SandboxSettings;
import sa.navaia.dialer.config.TwilioSettings;
import sa.navaia.dialer.elevenlabs.ElevenLabsSignature;
import sa.navaia.dialer.elevenlabs.SignatureCheck;
import sa.navaia.dialer.twilio.TwilioClients;

class SandboxIT {

    private static final String AGENT = "+19385550100";
    private static final String CALLER_ID = "+19383362295";
    private static final List<String> ALL_EVENTS = List.of("initiated", "ringing", "answered", "completed");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ObjectMapper json = new ObjectMapper();
    private WebhookRecorder receiver;
    private final List<Sandbox> sandboxes = new ArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new WebhookRecorder(AGENT);
    }

    @AfterEach
    void stopEverything() {
        sandboxes.forEach(Sandbox::close);
        receiver.close();
    }

    private static SandboxSettings settings(long seed, double cps, double duplicateRate, double reorderRate) {
        return new SandboxSettings(0, seed, 1000, 0, cps, duplicateRate, reorderRate);
    }

    private Sandbox start(SandboxSettings settings) {
        return start(Sandbox.builder(settings));
    }

    private Sandbox start(Sandbox.Builder builder) {
        Sandbox sandbox = builder.agentNumber(AGENT).postCallUrl(URI.create(receiver.postCallUrl())).build().start();
        sandboxes.add(sandbox);
        return sandbox;
    }

    private Call place(TwilioRestClient client, String to, String sessionId) {
        return Call.creator(new PhoneNumber(to), new PhoneNumber(CALLER_ID), URI.create(receiver.connectUrl(sessionId)))
                .setStatusCallback(URI.create(receiver.statusUrl(sessionId)))
                .setStatusCallbackEvent(ALL_EVENTS)
                .setMachineDetection("Enable")
                .create(client);
    }

    private static void awaitSettled(Sandbox sandbox, int calls) {
        await().atMost(PATIENCE).until(() -> sandbox.ledger().size() == calls
                && sandbox.ledger().stream().allMatch(LedgerEntry::settled));
    }

    private static String number(int i) {
        return "+1938555" + String.format("%04d", i);
    }

    @Test
    void theTwilioSdkCreatesFetchesAndListsCalls() {
        Sandbox sandbox = start(new SandboxSettings(0, 1, 1000, 20, 100, 0, 0));
        TwilioRestClient client = TwilioClients.create(sandbox.twilioSettings(CALLER_ID));
        ZonedDateTime before = ZonedDateTime.now().minusMinutes(1);

        Call created = place(client, number(1), "vs_sdk1");
        IntStream.range(0, 3).forEach(i -> place(client, number(2), "vs_page" + i));

        assertThat(created.getSid()).matches("CA[0-9a-f]{32}");
        assertThat(created.getStatus()).isEqualTo(Call.Status.QUEUED);
        assertThat(created.getTo()).isEqualTo(number(1));
        assertThat(created.getFrom()).isEqualTo(CALLER_ID);
        assertThat(created.getAccountSid()).isEqualTo(SandboxSettings.ACCOUNT_SID);
        assertThat(created.getApiVersion()).isEqualTo("2010-04-01");
        assertThat(created.getDirection()).isEqualTo("outbound-api");
        assertThat(created.getDateCreated()).isNotNull();

        awaitSettled(sandbox, 4);
        Call fetched = Call.fetcher(created.getSid()).fetch(client);
        LedgerEntry truth = sandbox.call(created.getSid()).orElseThrow();
        assertThat(fetched.getSid()).isEqualTo(created.getSid());
        assertThat(fetched.getStatus().toString()).isEqualTo(truth.status());
        assertThat(fetched.getStartTime()).isNotNull();
        assertThat(fetched.getEndTime()).isNotNull();

        ResourceSet<Call> toNumber1 = Call.reader().setTo(number(1)).setStartTimeAfter(before).read(client);
        assertThat(StreamSupport.stream(toNumber1.spliterator(), false).map(Call::getSid))
                .containsExactly(created.getSid());
        ResourceSet<Call> inTheFuture = Call.reader().setTo(number(1))
                .setStartTimeAfter(ZonedDateTime.now().plusHours(1)).read(client);
        assertThat(inTheFuture.iterator().hasNext()).isFalse();
        ResourceSet<Call> pagedByTwo = Call.reader().setTo(number(2)).setPageSize(2L).read(client);
        assertThat(StreamSupport.stream(pagedByTwo.spliterator(), false).count()).isEqualTo(3);
    }

    @Test
    void anInvalidToNumberIsRejectedWithTwilioError21211() {
        Sandbox sandbox = start(settings(1, 100, 0, 0));
        TwilioRestClient client = TwilioClients.create(sandbox.twilioSettings(CALLER_ID));

        assertThatThrownBy(() -> place(client, "+12", "vs_bad"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(21211);
                    assertThat(e.getMessage()).contains("'To' number +12 is not a valid phone number");
                    assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/21211");
                });
        assertThat(sandbox.ledger()).isEmpty();
    }

    @Test
    void wrongCredentialsAreRefused() {
        Sandbox sandbox = start(settings(1, 100, 0, 0));
        TwilioRestClient client = TwilioClients.create(
                new TwilioSettings(SandboxSettings.ACCOUNT_SID, "wrong-token", CALLER_ID, sandbox.baseUri()));

        assertThatThrownBy(() -> place(client, number(1), "vs_auth"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20003));
        assertThat(sandbox.ledger()).isEmpty();
    }

    @Test
    void everyWebhookIsSignedSoTheReceiverCanVerifyIt() throws IOException {
        Sandbox sandbox = start(settings(5, 100, 0, 0));
        TwilioRestClient client = TwilioClients.create(sandbox.twilioSettings(CALLER_ID));
        sandbox.script(number(10), Outcome.COMPLETED, Conversation.BOOKING);
        sandbox.script(number(11), Outcome.COMPLETED, Conversation.SUPPORT_TICKET);
        sandbox.script(number(12), Outcome.COMPLETED, Conversation.OPT_OUT);
        sandbox.script(number(13), Outcome.VOICEMAIL);
        sandbox.script(number(14), Outcome.BUSY);
        Map<String, String> sessions = new HashMap<>();
        for (int i = 10; i <= 14; i++) {
            sessions.put(place(client, number(i), "vs_sig" + i).getSid(), "vs_sig" + i);
        }
        awaitSettled(sandbox, 5);

        RequestValidator validator = new RequestValidator(SandboxSettings.AUTH_TOKEN);
        List<WebhookRecorder.Received> twilioRequests = receiver.under("/api/twilio/");
        assertThat(twilioRequests).isNotEmpty();
        for (WebhookRecorder.Received request : twilioRequests) {
            String signature = request.header("X-Twilio-Signature");
            assertThat(validator.validate(request.url(receiver.base()), request.form(), signature))
                    .as("signature of %s", request.path()).isTrue();
            Map<String, String> tampered = new HashMap<>(request.form());
            tampered.put("CallStatus", "tampered");
            assertThat(validator.validate(request.url(receiver.base()), tampered, signature)).isFalse();
        }

        List<WebhookRecorder.Received> postCalls = receiver.under("/voice/post_call");
        assertThat(postCalls).hasSize(4);
        Map<String, JsonNode> byIntent = new HashMap<>();
        for (WebhookRecorder.Received postCall : postCalls) {
            String signature = postCall.header(ElevenLabsSignature.HEADER);
            assertThat(ElevenLabsSignature.verify(SandboxSettings.WEBHOOK_SECRET, signature, postCall.body(),
                    java.time.Instant.now())).isEqualTo(SignatureCheck.VALID);
            byte[] tampered = new String(postCall.body(), StandardCharsets.UTF_8).replace("done", "dune")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(ElevenLabsSignature.verify(SandboxSettings.WEBHOOK_SECRET, signature, tampered,
                    java.time.Instant.now())).isEqualTo(SignatureCheck.MISMATCH);
            JsonNode payload = json.readTree(postCall.body());
            assertThat(payload.path("type").asText()).isEqualTo("post_call_transcription");
            JsonNode data = payload.path("data");
            String legSid = data.path("metadata").path("phone_call").path("call_sid").asText();
            LedgerEntry entry = sandbox.ledger().stream()
                    .filter(candidate -> data.path("conversation_id").asText().equals(candidate.conversationId()))
                    .findFirst().orElseThrow();
            assertThat(legSid).matches("CA[0-9a-f]{32}").isEqualTo(entry.agentCallSid()).isNotEqualTo(entry.callSid());
            assertThat(sessions).containsKey(entry.callSid());
            assertThat(data.path("conversation_initiation_client_data").path("dynamic_variables").has("session_id"))
                    .isFalse();
            byIntent.put(data.path("analysis").path("data_collection_results").path("intent").path("value").asText(),
                    data);
        }
        assertThat(byIntent).containsOnlyKeys("booking", "support", "opt_out", "none");
        JsonNode booking = byIntent.get("booking").path("analysis").path("data_collection_results");
        assertThat(booking.path("booking_time").path("value").asText()).isEqualTo("14:30");
        assertThat(booking.path("service").path("data_collection_id").asText()).isEqualTo("service");
        assertThat(byIntent.get("opt_out").path("transcript").toString()).contains("Please stop calling me.");
        assertThat(byIntent.get("support").path("analysis").path("data_collection_results")
                .path("ticket_priority").path("value").asText()).isEqualTo("high");

        Map<String, LedgerEntry> byNumber = sandbox.ledger().stream()
                .collect(Collectors.toMap(LedgerEntry::to, entry -> entry));
        assertThat(byNumber.get(number(10))).satisfies(entry -> {
            assertThat(entry.status()).isEqualTo("completed");
            assertThat(entry.answeredBy()).isEqualTo("human");
            assertThat(entry.reachedAgent()).isTrue();
            assertThat(entry.dialTarget()).isEqualTo(AGENT);
            assertThat(entry.scriptedIntent()).isEqualTo("booking");
            assertThat(entry.durationSeconds()).isPositive();
        });
        assertThat(byNumber.get(number(13)).answeredBy()).isEqualTo("machine_start");
        assertThat(byNumber.get(number(14))).satisfies(entry -> {
            assertThat(entry.status()).isEqualTo("busy");
            assertThat(entry.reachedAgent()).isFalse();
            assertThat(entry.conversationId()).isNull();
        });

        String bookingSid = byNumber.get(number(10)).callSid();
        List<Map<String, String>> callbacks = receiver.under("/api/twilio/status/").stream()
                .map(WebhookRecorder.Received::form)
                .filter(form -> bookingSid.equals(form.get("CallSid")))
                .toList();
        // Each callback is its own request: they may arrive in any order, SequenceNumber tells the order fired.
        callbacks = callbacks.stream()
                .sorted(java.util.Comparator.comparing(form -> Integer.parseInt(form.get("SequenceNumber")))).toList();
        assertThat(callbacks).extracting(form -> form.get("CallStatus"))
                .containsExactly("initiated", "ringing", "in-progress", "completed");
        assertThat(callbacks).extracting(form -> form.get("SequenceNumber")).containsExactly("0", "1", "2", "3");
        assertThat(callbacks.get(3)).containsKeys("CallDuration", "Duration", "Timestamp")
                .containsEntry("CallbackSource", "call-progress-events")
                .containsEntry("AnsweredBy", "human");
        Map<String, String> connect = receiver.under("/api/twilio/connect/vs_sig10").get(0).form();
        assertThat(connect).containsEntry("CallStatus", "in-progress").containsEntry("AnsweredBy", "human")
                .containsEntry("Direction", "outbound-api").containsEntry("CallSid", bookingSid);
        Map<String, String> dialResult = receiver.under("/api/twilio/dial-result/vs_sig10").get(0).form();
        assertThat(dialResult).containsEntry("DialCallStatus", "completed").containsKey("DialCallDuration")
                .hasEntrySatisfying("DialCallSid", sid -> assertThat(sid).as("the <Dial>'s own leg, not the call ElevenLabs saw")
                        .matches("CA[0-9a-f]{32}").isNotEqualTo(byNumber.get(number(10)).agentCallSid()));
        assertThat(receiver.under("/api/twilio/connect/vs_sig14")).isEmpty();
    }

    @Test
    void twoRunsWithTheSameSeedPlayTheSameOutcomesInOrder() {
        List<String> numbers = List.of(number(20), number(21), number(22), number(20), number(23), number(21),
                number(24), number(25), number(20), number(26));

        List<List<Object>> first = playAll(start(settings(77, 200, 0, 0)), numbers);
        List<List<Object>> second = playAll(start(settings(77, 200, 0, 0)), numbers);

        assertThat(second).isEqualTo(first);
        assertThat(first.stream().map(outcome -> outcome.get(2)).distinct().count()).isGreaterThan(1);
    }

    private List<List<Object>> playAll(Sandbox sandbox, List<String> numbers) {
        TwilioRestClient client = TwilioClients.create(sandbox.twilioSettings(CALLER_ID));
        numbers.forEach(to -> place(client, to, "vs_seed"));
        awaitSettled(sandbox, numbers.size());
        return sandbox.ledger().stream()
                .map(entry -> List.<Object>of(entry.to(), entry.attempt(), entry.plannedOutcome(), entry.status(),
                        entry.reachedAgent(), String.valueOf(entry.scriptedIntent()), entry.durationSeconds()))
                .toList();
    }

    @Test
    void callbackFaultsHappenAtTheConfiguredRates() {
        Sandbox sandbox = start(Sandbox.builder(settings(11, 500, 0.25, 0.25)));
        TwilioRestClient client = TwilioClients.create(sandbox.twilioSettings(CALLER_ID));
        IntStream.range(0, 40).forEach(i -> place(client, number(100 + i), "vs_fault" + i));
        awaitSettled(sandbox, 40);

        List<LedgerEntry> ledger = sandbox.ledger();
        int emitted = ledger.stream().mapToInt(LedgerEntry::callbacksEmitted).sum();
        int duplicated = ledger.stream().mapToInt(LedgerEntry::duplicatedCallbacks).sum();
        int reordered = ledger.stream().mapToInt(LedgerEntry::reorderedCallbacks).sum();
        assertThat((double) duplicated / emitted).isBetween(0.15, 0.35);
        // The last callback of a call has nothing to be reordered behind.
        int eligible = emitted - ledger.size();
        assertThat((double) reordered / eligible).isBetween(0.15, 0.35);

        List<Map<String, String>> callbacks = receiver.under("/api/twilio/status/").stream()
                .map(WebhookRecorder.Received::form).toList();
        assertThat(callbacks).hasSize(emitted + duplicated);
        Set<String> seen = new HashSet<>();
        long duplicatesSeen = callbacks.stream()
                .filter(form -> !seen.add(form.get("CallSid") + "#" + form.get("SequenceNumber"))).count();
        assertThat(duplicatesSeen).isEqualTo(duplicated);
        Map<String, List<Integer>> arrivalOrder = callbacks.stream().collect(Collectors.groupingBy(
                form -> form.get("CallSid"),
                Collectors.mapping(form -> Integer.parseInt(form.get("SequenceNumber")), Collectors.toList())));
        long callsSeenOutOfOrder = arrivalOrder.values().stream().filter(SandboxIT::goesBackwards).count();
        assertThat(callsSeenOutOfOrder).isPositive();
    }

    private static boolean goesBackwards(List<Integer> sequence) {
        for (int i = 1; i < sequence.size(); i++) {
            if (sequence.get(i) < sequence.get(i - 1)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theAccountRateLimitQueuesCallsBeyondItsCallsPerSecond() {
        int callsPerSecond = 4;
        Sandbox sandbox = start(settings(3, callsPerSecond, 0, 0));
        TwilioRestClient client = TwilioClients.create(sandbox.twilioSettings(CALLER_ID));
        IntStream.range(0, 12).parallel().forEach(i -> place(client, number(200 + i), "vs_cps" + i));
        await().atMost(PATIENCE).until(() -> sandbox.ledger().stream().allMatch(entry -> entry.startedAt() != null));

        List<Long> starts = sandbox.ledger().stream().map(entry -> entry.startedAt().toEpochMilli()).sorted().toList();
        assertThat(starts).hasSize(12);
        for (long windowStart : starts) {
            long inWindow = starts.stream().filter(start -> start >= windowStart && start < windowStart + 1000).count();
            assertThat(inWindow).as("calls started in the second after %d", windowStart).isLessThanOrEqualTo(callsPerSecond);
        }
        assertThat(sandbox.ledger().stream().mapToLong(LedgerEntry::queueTimeMillis).max().orElseThrow()).isPositive();
    }

    @Test
    void aCallbackAnsweredWithA5xxIsNotRetriedAsTwilioDefaultsSay() {
        Sandbox sandbox = start(settings(4, 100, 0, 0));
        TwilioRestClient client = TwilioClients.create(sandbox.twilioSettings(CALLER_ID));
        sandbox.script(number(300), Outcome.COMPLETED, Conversation.NO_INTENT);
        receiver.failNextStatusCallbacks(2);

        place(client, number(300), "vs_retry");
        awaitSettled(sandbox, 1);

        assertThat(receiver.under("/api/twilio/status/vs_retry")).hasSize(2);
        assertThat(sandbox.ledger().get(0)).satisfies(entry -> {
            assertThat(entry.failedDeliveries()).isEqualTo(2);
            assertThat(entry.webhookRetries()).isZero();
        });
    }

    @Test
    void twimlThatDoesNotDialTheAgentNeverReachesIt() {
        Sandbox sandbox = start(settings(9, 100, 0, 0));
        TwilioRestClient client = TwilioClients.create(sandbox.twilioSettings(CALLER_ID));
        sandbox.script(number(600), Outcome.COMPLETED, Conversation.BOOKING);
        receiver.answerConnectWith("<Response><Say>Hello, this is a test call from the system.</Say><Hangup/></Response>");

        place(client, number(600), "vs_say");
        awaitSettled(sandbox, 1);

        assertThat(sandbox.ledger().get(0)).satisfies(entry -> {
            assertThat(entry.status()).isEqualTo("completed");
            assertThat(entry.reachedAgent()).isFalse();
            assertThat(entry.dialTarget()).isNull();
            assertThat(entry.conversationId()).isNull();
        });
        assertThat(receiver.under("/voice/post_call")).isEmpty();
    }

    @Test
    void anUnreachableUrlIsRetriedOnceThenTheCallEndsWithTheApplicationError() throws IOException {
        Sandbox sandbox = start(settings(10, 100, 0, 0));
        TwilioRestClient client = TwilioClients.create(sandbox.twilioSettings(CALLER_ID));
        sandbox.script(number(700), Outcome.COMPLETED, Conversation.BOOKING);
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Call.creator(new PhoneNumber(number(700)), new PhoneNumber(CALLER_ID),
                URI.create("http://127.0.0.1:" + closedPort + "/api/twilio/connect/vs_gone")).create(client);
        awaitSettled(sandbox, 1);

        assertThat(sandbox.ledger().get(0)).satisfies(entry -> {
            assertThat(entry.failedDeliveries()).isEqualTo(1);
            assertThat(entry.webhookRetries()).as("a failed connection is retried once").isEqualTo(1);
            assertThat(entry.errorCode()).isEqualTo(11205);
            assertThat(entry.fallbackUsed()).isFalse();
            assertThat(entry.status()).isEqualTo("completed");
            assertThat(entry.reachedAgent()).isFalse();
        });
    }

    @Test
    void scriptsOverHttpApplyPerAttemptAndTheLedgerIsServedAsJson() throws Exception {
        Sandbox sandbox = start(settings(6, 100, 0, 0));
        TwilioRestClient client = TwilioClients.create(sandbox.twilioSettings(CALLER_ID));
        HttpClient http = HttpClient.newHttpClient();
        assertThat(postScript(http, sandbox, "{\"to\":\"" + number(400) + "\",\"outcome\":\"BUSY\"}")).isEqualTo(204);
        assertThat(postScript(http, sandbox, "{\"to\":\"" + number(400) + "\",\"outcome\":\"no-answer\"}")).isEqualTo(204);
        assertThat(postScript(http, sandbox, "{\"to\":\"" + number(400) + "\",\"outcome\":\"SOMETIMES\"}")).isEqualTo(400);

        for (int attempt = 0; attempt < 3; attempt++) {
            place(client, number(400), "vs_http" + attempt);
        }
        awaitSettled(sandbox, 3);

        HttpResponse<String> ledger = http.send(HttpRequest.newBuilder(sandbox.baseUri().resolve("/sandbox/ledger")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode entries = json.readTree(ledger.body());
        assertThat(entries).hasSize(3);
        assertThat(entries).extracting(entry -> entry.path("status").asText())
                .containsExactly("busy", "no-answer", "no-answer");
        assertThat(entries).extracting(entry -> entry.path("attempt").asInt()).containsExactly(1, 2, 3);
        assertThat(entries.get(0).path("call_sid").asText()).isEqualTo(sandbox.ledger().get(0).callSid());
    }

    private static int postScript(HttpClient http, Sandbox sandbox, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(sandbox.baseUri().resolve("/sandbox/script"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void postCallAudioIsSentWhenConfiguredAndInitiationFailuresNever() throws IOException {
        Sandbox sandbox = start(Sandbox.builder(settings(8, 100, 0, 0)).sendPostCallAudio(true));
        TwilioRestClient client = TwilioClients.create(sandbox.twilioSettings(CALLER_ID));
        sandbox.script(number(500), Outcome.COMPLETED, Conversation.BOOKING);
        sandbox.script(number(501), Outcome.FAILED);
        sandbox.script(number(502), Outcome.NO_ANSWER);

        place(client, number(500), "vs_audio");
        place(client, number(501), "vs_failed");
        place(client, number(502), "vs_unanswered");
        awaitSettled(sandbox, 3);

        List<String> types = new ArrayList<>();
        for (WebhookRecorder.Received postCall : receiver.under("/voice/post_call")) {
            assertThat(ElevenLabsSignature.verify(SandboxSettings.WEBHOOK_SECRET,
                    postCall.header(ElevenLabsSignature.HEADER), postCall.body(), java.time.Instant.now()).isValid())
                    .isTrue();
            types.add(json.readTree(postCall.body()).path("type").asText());
        }
        assertThat(types).containsExactly("post_call_transcription", "post_call_audio");
        assertThat(sandbox.ledger()).extracting(LedgerEntry::status).containsExactly("completed", "failed", "no-answer");
    }
}
