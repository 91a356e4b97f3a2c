package sa.navaia.dialer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sa.navaia.dialer.config.SandboxSettings;
import sa.navaia.dialer.twilio.TwilioClients;

/**
 * The Twilio side held to Twilio's documentation: create-call refusals and warnings, answering machine detection,
 * the agent's leg in {@code <Dial action>}, {@code FallbackUrl}, webhook connection rules and overrides, fault knobs,
 * the call resource's shape, and ElevenLabs' conversations API. Fixtures and sources: {@code src/test/resources/twilio/}.
 */
class TwilioStandInIT {

    private static final String AGENT = "+19385550100";
    private static final String CALLER_ID = "+19383362295";
    private static final List<String> ALL_EVENTS = List.of("initiated", "ringing", "answered", "completed");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
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

    private Sandbox start(Consumer<Sandbox.Builder> configure) {
        return start(new SandboxSettings(0, 31, 1000, 0, 100, 0, 0), configure);
    }

    private Sandbox start(SandboxSettings settings, Consumer<Sandbox.Builder> configure) {
        Sandbox.Builder builder = Sandbox.builder(settings).agentNumber(AGENT)
                .postCallUrl(URI.create(receiver.postCallUrl()));
        configure.accept(builder);
        Sandbox sandbox = builder.build().start();
        sandboxes.add(sandbox);
        return sandbox;
    }

    private Call place(Sandbox sandbox, String to, UnaryOperator<CallCreator> options) {
        String session = "vs_" + to.substring(1);
        TwilioRestClient client = TwilioClients.create(sandbox.twilioSettings(CALLER_ID));
        return options.apply(Call.creator(new PhoneNumber(to), new PhoneNumber(CALLER_ID),
                        URI.create(receiver.connectUrl(session)))
                .setStatusCallback(URI.create(receiver.statusUrl(session)))
                .setStatusCallbackEvent(ALL_EVENTS)).create(client);
    }

    /** A create request as a form the SDK would not send, with the account's credentials. */
    private HttpResponse<String> createRaw(Sandbox sandbox, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(sandbox.baseUri().resolve(
                        "/2010-04-01/Accounts/" + SandboxSettings.ACCOUNT_SID + "/Calls.json"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (SandboxSettings.ACCOUNT_SID + ":" + SandboxSettings.AUTH_TOKEN).getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static LedgerEntry settled(Sandbox sandbox, Call call) {
        await().atMost(PATIENCE).until(() -> sandbox.call(call.getSid()).orElseThrow().settled());
        return sandbox.call(call.getSid()).orElseThrow();
    }

    private Map<String, String> first(String path) {
        return receiver.under(path).get(0).form();
    }

    @Test
    void aFromNumberTheAccountDoesNotOwnIsRefusedWith21210InTwiliosErrorShape() throws Exception {
        Sandbox sandbox = start(builder -> { });
        TwilioRestClient client = TwilioClients.create(sandbox.twilioSettings(CALLER_ID));

        assertThatThrownBy(() -> Call.creator(new PhoneNumber("+19385558001"), new PhoneNumber("+19385559999"),
                URI.create(receiver.connectUrl("vs_from"))).create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(21210);
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/21210");
                });
        HttpResponse<String> raw = createRaw(sandbox, "To=%2B19385558001&From=%2B19385559999&Url="
                + Form.encodeValue(receiver.connectUrl("vs_raw")));
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(JsonShape.differences(JsonShape.fixture("twilio", "error.json"), json.readTree(raw.body()), Map.of()))
                .isEmpty();

        Sandbox owning = start(builder -> builder.ownedNumbers("+19385559999"));
        Call.creator(new PhoneNumber("+19385558001"), new PhoneNumber("+19385559999"),
                URI.create(receiver.connectUrl("vs_owned"))).create(TwilioClients.create(owning.twilioSettings(CALLER_ID)));
        assertThat(sandbox.ledger()).isEmpty();
        assertThat(owning.ledger()).hasSize(1);
    }

    @Test
    void machineDetectionOtherThanEnableOrDetectMessageEndIsRefusedWith21234() {
        Sandbox sandbox = start(builder -> { });

        for (String value : List.of("None", "enable", "true")) {
            assertThatThrownBy(() -> place(sandbox, "+19385558002", creator -> creator.setMachineDetection(value)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21234));
        }
        assertThatThrownBy(() -> place(sandbox, "+19385558002", creator -> creator.setMachineDetection("Enable")
                .setMachineDetectionTimeout(61)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21234));
        assertThat(sandbox.ledger()).isEmpty();
    }

    @Test
    void theRingTimeoutIsTheRequestsTimeoutDefault60AndAnythingButAWholeNumberFrom1To600IsRefusedWith21208()
            throws Exception {
        Sandbox sandbox = start(builder -> { });
        for (int seconds : List.of(0, -5, 601)) {
            assertThatThrownBy(() -> place(sandbox, "+19385558004", creator -> creator.setTimeout(seconds)))
                    .as("Timeout " + seconds).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21208));
        }
        for (String value : List.of("fifteen", "15.5")) {
            HttpResponse<String> refused = createRaw(sandbox, "To=%2B19385558004&From=" + Form.encodeValue(CALLER_ID)
                    + "&Url=" + Form.encodeValue(receiver.connectUrl("vs_timeout")) + "&Timeout=" + Form.encodeValue(value));
            assertThat(refused.statusCode()).as(value).isEqualTo(400);
            assertThat(json.readTree(refused.body()).path("code").asInt()).as(value).isEqualTo(21208);
        }
        assertThat(sandbox.ledger()).isEmpty();

        place(sandbox, "+19385558004", UnaryOperator.identity());
        place(sandbox, "+19385558005", creator -> creator.setTimeout(15));
        place(sandbox, "+19385558006", creator -> creator.setTimeout(600));
        assertThat(sandbox.ledger()).extracting(LedgerEntry::to, LedgerEntry::ringTimeoutSeconds).containsExactlyInAnyOrder(
                tuple("+19385558004", 60), tuple("+19385558005", 15), tuple("+19385558006", 600));
    }

    @Test
    void anInvalidStatusCallbackEventCreatesTheCallWithWarning21626AndNoCallbacks() {
        Sandbox sandbox = start(builder -> { });
        sandbox.script("+19385558003", Outcome.COMPLETED, Conversation.BOOKING);

        Call call = place(sandbox, "+19385558003", creator -> creator.setStatusCallbackEvent(List.of("answered completed")));
        LedgerEntry entry = settled(sandbox, call);

        assertThat(entry.warnings()).containsExactly(21626);
        assertThat(entry.callbacksEmitted()).isZero();
        assertThat(receiver.under("/api/twilio/status/")).isEmpty();
        assertThat(entry.status()).isEqualTo("completed");
    }

    @Test
    void moreRequestsInFlightThanTheLimitAreRefusedWith20429() throws InterruptedException {
        Sandbox sandbox = start(new SandboxSettings(0, 31, 1000, 400, 100, 0, 0),
                builder -> builder.maxConcurrentRequests(1));
        ConcurrentLinkedQueue<Integer> codes = new ConcurrentLinkedQueue<>();

        List<Thread> threads = IntStream.range(0, 4).mapToObj(i -> new Thread(() -> {
            try {
                place(sandbox, "+1938555810" + i, UnaryOperator.identity());
                codes.add(201);
            } catch (ApiException e) {
                codes.add(e.getStatusCode() == 429 ? e.getCode() : -1);
            }
        })).toList();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(codes).contains(20429, 201).doesNotContain(-1);
        assertThat(sandbox.ledger()).hasSize((int) codes.stream().filter(code -> code == 201).count());
    }

    @Test
    void synchronousDetectionFetchesTheUrlOnlyWithItsAnswer() {
        Sandbox sandbox = start(builder -> { });
        sandbox.script("+19385558010", Outcome.VOICEMAIL);
        sandbox.script("+19385558011", CallScript.of(Outcome.VOICEMAIL).answeredBy("machine_end_silence"));
        sandbox.script("+19385558012", Outcome.VOICEMAIL);
        sandbox.script("+19385558013", Outcome.FAX);

        LedgerEntry enable = settled(sandbox, place(sandbox, "+19385558010", c -> c.setMachineDetection("Enable")));
        LedgerEntry messageEnd = settled(sandbox, place(sandbox, "+19385558011",
                c -> c.setMachineDetection("DetectMessageEnd")));
        LedgerEntry timedOut = settled(sandbox, place(sandbox, "+19385558012",
                c -> c.setMachineDetection("DetectMessageEnd").setMachineDetectionTimeout(3)));
        LedgerEntry fax = settled(sandbox, place(sandbox, "+19385558013", c -> c.setMachineDetection("Enable")));

        assertThat(first("/api/twilio/connect/vs_19385558010")).containsEntry("AnsweredBy", "machine_start");
        assertThat(enable.machineDetectionMillis()).isEqualTo(4000);
        assertThat(first("/api/twilio/connect/vs_19385558011")).containsEntry("AnsweredBy", "machine_end_silence");
        assertThat(first("/api/twilio/connect/vs_19385558012")).containsEntry("AnsweredBy", "unknown");
        assertThat(timedOut.machineDetectionMillis()).isEqualTo(3000);
        assertThat(fax.answeredBy()).isEqualTo("fax");
        assertThat(messageEnd.answeredBy()).isEqualTo("machine_end_silence");
    }

    @Test
    void asynchronousDetectionFetchesTheUrlAtOnceAndPostsTheAnswerLater() {
        Sandbox sandbox = start(builder -> { });
        sandbox.script("+19385558020", Outcome.COMPLETED, Conversation.BOOKING);

        LedgerEntry entry = settled(sandbox, place(sandbox, "+19385558020", c -> c.setMachineDetection("Enable")
                .setAsyncAmd("true").setAsyncAmdStatusCallback(URI.create(receiver.amdUrl("vs_19385558020")))));

        assertThat(first("/api/twilio/connect/vs_19385558020")).doesNotContainKey("AnsweredBy");
        assertThat(first("/api/twilio/amd/vs_19385558020")).containsEntry("AnsweredBy", "human")
                .containsEntry("MachineDetectionDuration", "3000").containsEntry("CallSid", entry.callSid());
        assertThat(entry.answeredBy()).isEqualTo("human");
    }

    @Test
    void anAgentsLegThatDoesNotConnectReachesTheDialActionWithoutADuration() {
        Sandbox sandbox = start(builder -> { });
        sandbox.script("+19385558030", CallScript.of(Outcome.COMPLETED).agentLeg("busy"));
        sandbox.script("+19385558031", CallScript.of(Outcome.COMPLETED).agentLeg("no-answer"));

        LedgerEntry busy = settled(sandbox, place(sandbox, "+19385558030", UnaryOperator.identity()));
        LedgerEntry noAnswer = settled(sandbox, place(sandbox, "+19385558031", UnaryOperator.identity()));

        assertThat(first("/api/twilio/dial-result/vs_19385558030")).containsEntry("DialCallStatus", "busy")
                .containsEntry("DialBridged", "false").hasEntrySatisfying("DialCallSid", sid -> assertThat(sid).matches("CA[0-9a-f]{32}")
                        .isNotEqualTo(busy.callSid()))
                .doesNotContainKey("DialCallDuration");
        assertThat(first("/api/twilio/dial-result/vs_19385558031")).containsEntry("DialCallStatus", "no-answer");
        assertThat(List.of(busy, noAnswer)).allSatisfy(entry -> {
            assertThat(entry.reachedAgent()).isFalse();
            assertThat(entry.conversationId()).isNull();
        });
        assertThat(busy.agentLegStatus()).isEqualTo("busy");
        assertThat(receiver.under("/voice/post_call")).isEmpty();
    }

    @Test
    void theDialActionsAnswerIsRunOnTheCustomersCallAndWhatItSaysIsHeard() {
        Sandbox sandbox = start(builder -> { });
        sandbox.script("+19385558032", CallScript.of(Outcome.COMPLETED).agentLeg("no-answer"));
        String message = "This call was for telemarketing purposes, on behalf of Acme. To ask not to be called again,"
                + " call 938-336-2295. Goodbye.";
        receiver.answerDialResultWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>" + message
                + "</Say><Hangup/></Response>");

        LedgerEntry entry = settled(sandbox, place(sandbox, "+19385558032", UnaryOperator.identity()));

        assertThat(entry.agentLegStatus()).isEqualTo("no-answer");
        assertThat(entry.heard()).containsExactly(message);
        assertThat(entry.durationSeconds()).as("the message takes its time to say").isGreaterThanOrEqualTo(
                CallPlayer.speakingSeconds(message));
    }

    /** The identification message with its key-press opt-out, as the receiver answers the dial action. */
    private String identificationWithOptOut(String session, boolean actionOnEmptyResult) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Gather input=\"dtmf\" numDigits=\"1\" timeout=\"5\""
                + " action=\"" + receiver.optOutUrl(session) + "\"" + (actionOnEmptyResult ? " actionOnEmptyResult=\"true\"" : "")
                + "><Say>This call was for telemarketing purposes, on behalf of Acme.</Say><Say>To be added to our"
                + " do-not-call list, press 9 now.</Say></Gather><Say>Goodbye.</Say><Hangup/></Response>";
    }

    @Test
    void aPersonWhoPressesTheKeyAtAGatherHasTheDigitsPostedSignedToItsActionAndHearsItsAnswer() {
        Sandbox sandbox = start(builder -> { });
        sandbox.script("+19385558035", CallScript.of(Outcome.COMPLETED).agentLeg("no-answer").pressesThePromptedKey());
        receiver.answerDialResultWith(identificationWithOptOut("vs_19385558035", false));
        receiver.answerOptOutWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>You have been added to our"
                + " do-not-call list. Goodbye.</Say><Hangup/></Response>");

        LedgerEntry entry = settled(sandbox, place(sandbox, "+19385558035", UnaryOperator.identity()));

        WebhookRecorder.Received gathered = receiver.under("/api/twilio/opt-out/vs_19385558035").get(0);
        assertThat(gathered.form()).containsEntry("Digits", "9").containsEntry("CallSid", entry.callSid())
                .containsEntry("To", "+19385558035").containsEntry("From", CALLER_ID)
                .containsEntry("CallStatus", "in-progress").doesNotContainKey("DialCallStatus");
        assertThat(new RequestValidator(SandboxSettings.AUTH_TOKEN).validate(gathered.url(receiver.base()), gathered.form(),
                gathered.header("X-Twilio-Signature"))).isTrue();
        assertThat(entry.keysPressed()).containsExactly("9");
        assertThat(entry.heard()).containsExactly("This call was for telemarketing purposes, on behalf of Acme.",
                "To be added to our do-not-call list, press 9 now.", "You have been added to our do-not-call list. Goodbye.");
        assertThat(entry.errorCode()).isNull();
    }

    @Test
    void withoutInputAGatherRequestsNoActionAndTheVerbsAfterItRun() {
        Sandbox sandbox = start(builder -> { });
        sandbox.script("+19385558036", CallScript.of(Outcome.COMPLETED).agentLeg("busy").presses(""));
        receiver.answerDialResultWith(identificationWithOptOut("vs_19385558036", false));

        LedgerEntry entry = settled(sandbox, place(sandbox, "+19385558036", UnaryOperator.identity()));

        assertThat(receiver.under("/api/twilio/opt-out/vs_19385558036")).isEmpty();
        assertThat(entry.keysPressed()).isEmpty();
        assertThat(entry.heard()).endsWith("Goodbye.");
        assertThat(entry.durationSeconds()).as("the prompt, then the 5 s timeout").isGreaterThanOrEqualTo(5);
    }

    @Test
    void withActionOnEmptyResultAGatherWithoutInputRequestsTheActionWithoutDigits() {
        Sandbox sandbox = start(builder -> { });
        sandbox.script("+19385558037", CallScript.of(Outcome.COMPLETED).agentLeg("failed").presses(""));
        receiver.answerDialResultWith(identificationWithOptOut("vs_19385558037", true));

        LedgerEntry entry = settled(sandbox, place(sandbox, "+19385558037", UnaryOperator.identity()));

        assertThat(first("/api/twilio/opt-out/vs_19385558037")).doesNotContainKey("Digits")
                .containsEntry("CallSid", entry.callSid());
        assertThat(entry.heard()).doesNotContain("Goodbye.");
    }

    @Test
    void aDialActionThatAnswersNoTwimlEndsTheCallWithTheApplicationError() {
        Sandbox sandbox = start(builder -> { });
        sandbox.script("+19385558033", CallScript.of(Outcome.COMPLETED).agentLeg("busy"));
        receiver.answerDialResultWith("{\"not\":\"twiml\"}");

        LedgerEntry entry = settled(sandbox, place(sandbox, "+19385558033", UnaryOperator.identity()));

        assertThat(entry.agentLegStatus()).isEqualTo("busy");
        assertThat(entry.errorCode()).as("12100 document parse failure").isEqualTo(12100);
        assertThat(entry.heard()).isEmpty();
    }

    @Test
    void withoutAnActionTheVerbsAfterTheDialRunWhenTheAgentsLegEnds() {
        // Twilio's <Dial> reference: without an action URL, "Twilio will continue to render the original TwiML document".
        Sandbox sandbox = start(builder -> { });
        sandbox.script("+19385558034", CallScript.of(Outcome.COMPLETED).agentLeg("no-answer"));
        receiver.answerConnectWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Dial>" + AGENT
                + "</Dial><Say>Goodbye</Say></Response>");

        LedgerEntry entry = settled(sandbox, place(sandbox, "+19385558034", UnaryOperator.identity()));

        assertThat(entry.agentLegStatus()).isEqualTo("no-answer");
        assertThat(entry.heard()).containsExactly("Goodbye");
        assertThat(entry.errorCode()).isNull();
    }

    @Test
    void aUrlThatAnswersNoTwimlSendsTheCallToFallbackUrlWithErrorCodeAndErrorUrl() {
        Sandbox sandbox = start(builder -> { });
        receiver.answerConnectWith("{\"not\":\"twiml\"}");
        sandbox.script("+19385558040", Outcome.COMPLETED, Conversation.BOOKING);
        sandbox.script("+19385558041", Outcome.COMPLETED, Conversation.BOOKING);

        LedgerEntry withFallback = settled(sandbox, place(sandbox, "+19385558040",
                c -> c.setFallbackUrl(URI.create(receiver.fallbackUrl("vs_19385558040")))));
        LedgerEntry without = settled(sandbox, place(sandbox, "+19385558041", UnaryOperator.identity()));

        assertThat(first("/api/twilio/fallback/vs_19385558040")).containsEntry("ErrorCode", "12100")
                .containsEntry("ErrorUrl", receiver.connectUrl("vs_19385558040"))
                .containsEntry("CallSid", withFallback.callSid());
        assertThat(withFallback.fallbackUsed()).isTrue();
        assertThat(withFallback.errorCode()).isEqualTo(12100);
        assertThat(without.fallbackUsed()).isFalse();
        assertThat(without.errorCode()).isEqualTo(12100);
        assertThat(List.of(withFallback, without)).allSatisfy(entry -> {
            assertThat(entry.status()).isEqualTo("completed");
            assertThat(entry.reachedAgent()).isFalse();
        });
    }

    @Test
    void connectionOverridesInTheFragmentAreHonouredAndNeverSent() {
        Sandbox sandbox = start(builder -> { });
        sandbox.script("+19385558050", Outcome.COMPLETED, Conversation.NO_INTENT);
        receiver.failNextStatusCallbacks(2);

        Call call = place(sandbox, "+19385558050", c -> c.setStatusCallback(
                URI.create(receiver.statusUrl("vs_19385558050") + "#rc=2&rp=5xx,ct&ct=1000")));
        LedgerEntry entry = settled(sandbox, call);

        List<WebhookRecorder.Received> callbacks = receiver.under("/api/twilio/status/vs_19385558050");
        assertThat(callbacks).hasSize(4);
        assertThat(entry.webhookRetries()).isEqualTo(2);
        assertThat(entry.failedDeliveries()).isZero();
        RequestValidator validator = new RequestValidator(SandboxSettings.AUTH_TOKEN);
        for (WebhookRecorder.Received callback : callbacks) {
            assertThat(callback.url(receiver.base())).doesNotContain("#");
            assertThat(validator.validate(callback.url(receiver.base()), callback.form(),
                    callback.header("X-Twilio-Signature"))).isTrue();
        }
    }

    @Test
    void duringABlackoutEveryWebhookIsRetriedOnceThenLost() throws Exception {
        Sandbox sandbox = start(builder -> { });
        sandbox.script("+19385558060", Outcome.COMPLETED, Conversation.BOOKING);
        sandbox.blackout(Duration.ofSeconds(30));

        LedgerEntry entry = settled(sandbox, place(sandbox, "+19385558060", UnaryOperator.identity()));

        assertThat(receiver.received()).isEmpty();
        assertThat(entry.failedDeliveries()).isEqualTo(entry.callbacksEmitted() + 1);
        assertThat(entry.webhookRetries()).isEqualTo(entry.failedDeliveries());
        assertThat(entry.errorCode()).isEqualTo(11205);
    }

    @Test
    void droppedCallbacksAreNeverSentAndCounted() {
        Sandbox sandbox = start(builder -> builder.callbackDropRate(0.3));
        List<Call> calls = IntStream.range(0, 15).mapToObj(i -> place(sandbox, "+193855582" + String.format("%02d", i),
                UnaryOperator.identity())).toList();
        calls.forEach(call -> settled(sandbox, call));

        int emitted = sandbox.ledger().stream().mapToInt(LedgerEntry::callbacksEmitted).sum();
        int dropped = sandbox.ledger().stream().mapToInt(LedgerEntry::droppedCallbacks).sum();
        assertThat(dropped).isPositive();
        assertThat(receiver.under("/api/twilio/status/")).hasSize(emitted - dropped);
    }

    @Test
    void theCallResourceHasTwiliosShapeNullsWhileQueuedAndTheFinalTruthAfter() throws Exception {
        Sandbox sandbox = start(new SandboxSettings(0, 31, 1000, 0, 0.5, 0, 0), builder -> { });
        sandbox.script("+19385558070", Outcome.COMPLETED, Conversation.BOOKING);
        sandbox.script("+19385558071", Outcome.BUSY);
        Call first = place(sandbox, "+19385558070", c -> c.setMachineDetection("Enable"));
        Call queued = place(sandbox, "+19385558071", UnaryOperator.identity());

        JsonNode whileQueued = fetchJson(sandbox, queued.getSid());
        assertThat(whileQueued.path("status").asText()).isEqualTo("queued");
        for (String field : List.of("start_time", "end_time", "duration", "answered_by", "price")) {
            assertThat(whileQueued.path(field).isNull()).as(field).isTrue();
        }

        LedgerEntry done = settled(sandbox, first);
        JsonNode finished = fetchJson(sandbox, first.getSid());
        assertThat(JsonShape.differences(JsonShape.fixture("twilio", "call.json"), finished, Map.of())).isEmpty();
        Call fetched = Call.fetcher(first.getSid()).fetch(TwilioClients.create(sandbox.twilioSettings(CALLER_ID)));
        assertThat(fetched.getStatus()).isEqualTo(Call.Status.COMPLETED);
        assertThat(fetched.getDuration()).isEqualTo(String.valueOf(done.durationSeconds()));
        assertThat(fetched.getAnsweredBy()).isEqualTo("human");
        assertThat(fetched.getStartTime().toInstant().getEpochSecond()).isEqualTo(done.startedAt().getEpochSecond());
        assertThat(fetched.getEndTime().toInstant().getEpochSecond()).isEqualTo(done.endedAt().getEpochSecond());

        LedgerEntry busy = settled(sandbox, queued);
        JsonNode busyJson = fetchJson(sandbox, busy.callSid());
        assertThat(busyJson.path("status").asText()).isEqualTo("busy");
        assertThat(busyJson.path("duration").isNull()).as("duration is empty for busy calls: %s", busyJson).isTrue();
    }

    private JsonNode fetchJson(Sandbox sandbox, String sid) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(sandbox.baseUri().resolve(
                        "/2010-04-01/Accounts/" + SandboxSettings.ACCOUNT_SID + "/Calls/" + sid + ".json"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (SandboxSettings.ACCOUNT_SID + ":" + SandboxSettings.AUTH_TOKEN).getBytes())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void elevenLabsConversationsApiAnswersTheDocumentedModelAnd404ForUnknownIds() throws Exception {
        Sandbox sandbox = start(builder -> builder.agentOverrides(Sandbox.Builder.DEFAULT_AGENT_ID, Agent.OVERRIDABLE)
                .personalization(URI.create(receiver.personalizationUrl())));
        receiver.answerPersonalizationWith(200,
                json.writeValueAsString(JsonShape.fixture("personalization_response.json")));
        sandbox.script("+19385558080", Outcome.COMPLETED, Conversation.BOOKING);
        LedgerEntry entry = settled(sandbox, place(sandbox, "+19385558080", UnaryOperator.identity()));

        HttpResponse<String> found = conversation(sandbox, entry.conversationId(), SandboxSettings.ELEVENLABS_API_KEY);
        assertThat(found.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(found.body());
        assertThat(JsonShape.differences(JsonShape.fixture("get_conversation.json"), body, Map.of(
                "$.analysis.data_collection_results", JsonShape.FIRST_VALUE,
                "$.analysis.evaluation_criteria_results", JsonShape.FIRST_VALUE,
                "$.conversation_initiation_client_data.custom_llm_extra_body", JsonShape.FIRST_VALUE,
                "$.conversation_initiation_client_data.dynamic_variables", JsonShape.SCALARS))).isEmpty();
        assertThat(body.path("status").asText()).isEqualTo("done");

        HttpResponse<String> unknown = conversation(sandbox, "conv_unknown", SandboxSettings.ELEVENLABS_API_KEY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("detail").path("status").asText()).isEqualTo("conversation_not_found");
        assertThat(conversation(sandbox, entry.conversationId(), "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void elevenLabsConversationsListIsTheDocumentedPageFilteredByAgentAndStartTime() throws Exception {
        Sandbox sandbox = start(builder -> { });
        sandbox.script("+19385558081", Outcome.COMPLETED, Conversation.NO_INTENT);
        sandbox.script("+19385558082", Outcome.COMPLETED, Conversation.NO_INTENT);
        LedgerEntry first = settled(sandbox, place(sandbox, "+19385558081", UnaryOperator.identity()));
        LedgerEntry second = settled(sandbox, place(sandbox, "+19385558082", UnaryOperator.identity()));

        JsonNode page = json.readTree(list(sandbox, "?agent_id=" + Sandbox.Builder.DEFAULT_AGENT_ID + "&page_size=1").body());
        assertThat(JsonShape.differences(JsonShape.fixture("list_conversations.json"), page, Map.of())).isEmpty();
        assertThat(page.path("has_more").asBoolean()).isTrue();
        JsonNode next = json.readTree(list(sandbox, "?agent_id=" + Sandbox.Builder.DEFAULT_AGENT_ID + "&page_size=1&cursor="
                + page.path("next_cursor").asText()).body());
        assertThat(List.of(page.path("conversations").get(0).path("conversation_id").asText(),
                next.path("conversations").get(0).path("conversation_id").asText()))
                .containsExactlyInAnyOrder(first.conversationId(), second.conversationId());
        assertThat(next.path("has_more").asBoolean()).isFalse();
        assertThat(json.readTree(list(sandbox, "?agent_id=agent_other").body()).path("conversations")).isEmpty();
        assertThat(json.readTree(list(sandbox, "?call_start_after_unix=" + (java.time.Instant.now().getEpochSecond() + 3600))
                .body()).path("conversations")).isEmpty();
        assertThat(list(sandbox, "?page_size=101").statusCode()).isEqualTo(422);
    }

    private HttpResponse<String> list(Sandbox sandbox, String query) throws Exception {
        return http.send(HttpRequest.newBuilder(sandbox.baseUri().resolve("/v1/convai/conversations" + query))
                .header("xi-api-key", SandboxSettings.ELEVENLABS_API_KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> conversation(Sandbox sandbox, String id, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(sandbox.baseUri().resolve("/v1/convai/conversations/" + id))
                .header("xi-api-key", key).build(), HttpResponse.BodyHandlers.ofString());
    }
}
