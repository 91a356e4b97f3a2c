package sa.navaia.dialer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TwimlTest {

    @Test
    void readsDialNumberAndAction() {
        Twiml twiml = Twiml.parse("<?xml version=\"1.0\"?><Response><Dial action=\"/api/twilio/dial/vs_1\" "
                + "method=\"post\"><Number> +19385550100 </Number></Dial></Response>");

        assertThat(twiml).isEqualTo(new Twiml("+19385550100", "/api/twilio/dial/vs_1", "POST"));
    }

    @Test
    void readsDialWithTheNumberAsText() {
        assertThat(Twiml.parse("<Response><Dial>+19385550100</Dial></Response>"))
                .isEqualTo(new Twiml("+19385550100", null, "POST"));
    }

    @Test
    void readsTheDialsCallerId() {
        assertThat(Twiml.parse("<Response><Dial callerId=\"+19385551234\"><Number>+19385550100</Number></Dial></Response>")
                .dialCallerId()).isEqualTo("+19385551234");
    }

    @Test
    void readsAConnectStreamAndItsConversationId() {
        Twiml twiml = Twiml.parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Connect>"
                + "<Stream url=\"wss://127.0.0.1:8010/v1/convai/conversation\">"
                + "<Parameter name=\"conversation_id\" value=\"conv_abc\" /></Stream></Connect></Response>");

        assertThat(twiml.dials()).isFalse();
        assertThat(twiml.streamUrl()).isEqualTo("wss://127.0.0.1:8010/v1/convai/conversation");
        assertThat(twiml.streamConversationId()).isEqualTo("conv_abc");
        assertThat(Twiml.parse("<Response><Start><Stream url=\"wss://x\"/></Start></Response>").streams()).isFalse();
    }

    @Test
    void sayAndHangupNeverDial() {
        Twiml twiml = Twiml.parse("<Response><Say>Hello, this is a test call from the system.</Say><Hangup/></Response>");

        assertThat(twiml.dials()).isFalse();
    }

    @Test
    void readsWhatIsSaidBeforeTheCallIsBridgedOrEnds() {
        Twiml twiml = Twiml.parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>This call was for telemarketing"
                + " purposes.</Say><Say> Goodbye. </Say><Hangup/><Say>never said</Say></Response>");

        assertThat(twiml.dials()).isFalse();
        assertThat(twiml.says()).containsExactly("This call was for telemarketing purposes.", "Goodbye.");
        assertThat(Twiml.parse("<Response><Say>Hi</Say><Dial>+19385550100</Dial><Say>after</Say></Response>").says())
                .containsExactly("Hi");
    }

    @Test
    void theVerbsAfterADialAreKeptForADialWithoutAnActionAsTwiliosDialReferenceShows() {
        // The reference's example: with no action, "<Dial> exits and the initial caller hears the <Say> text".
        Twiml noAction = Twiml.parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Response>
                    <Dial>415-123-4567</Dial>
                    <Say>Goodbye</Say>
                </Response>""");
        Twiml withAction = Twiml.parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Response>
                    <Dial action="/handleDialCallStatus" method="GET">415-123-4567</Dial>
                    <Say>I am unreachable</Say>
                </Response>""");

        assertThat(noAction.dialAction()).isNull();
        assertThat(noAction.saysAfterDial()).containsExactly("Goodbye");
        assertThat(withAction.dialAction()).isEqualTo("/handleDialCallStatus");
        assertThat(withAction.says()).isEmpty();
    }

    @Test
    void unreadableTwimlHangsUp() {
        assertThat(Twiml.parse("<Response><Dial>")).isEqualTo(Twiml.HANG_UP);
        assertThat(Twiml.parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Response>&e;</Response>"))
                .isEqualTo(Twiml.HANG_UP);
        assertThat(Twiml.parse(null)).isEqualTo(Twiml.HANG_UP);
    }

    @Test
    void sessionIdComesFromTheConnectPath() {
        assertThat(CallPlayer.sessionIdOf("http://127.0.0.1:8000/api/twilio/connect/vs_abc123")).isEqualTo("vs_abc123");
        assertThat(CallPlayer.sessionIdOf("http://127.0.0.1:8000/api/twilio/connect/vs_abc123?campaign=7#ct=2000&rc=3"))
                .as("the dialer's connect URL names the campaign").isEqualTo("vs_abc123");
        assertThat(CallPlayer.sessionIdOf("http://127.0.0.1:8000/other")).isNull();
    }

    @Test
    void readsAGatherWithItsNestedSaysAndTheVerbsAfterItAsTwiliosGatherReferenceShows() {
        // The reference's example: nested <Say> is said while it listens; the <Say> after it runs only without input.
        Twiml gather = Twiml.parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Response>
                    <Gather action="/process_gather.php" method="GET">
                        <Say>Please enter your account number, followed by the pound sign</Say>
                    </Gather>
                    <Say>We didn't receive any input. Goodbye!</Say>
                </Response>""");
        Twiml defaults = Twiml.parse("<Response><Say>Hello</Say><Gather/></Response>");
        Twiml ours = Twiml.parse("<Response><Gather input=\"dtmf\" numDigits=\"1\" timeout=\"5\" action=\"https://x.test/a\""
                + " actionOnEmptyResult=\"true\"><Say>Press 9.</Say></Gather><Hangup/></Response>");

        assertThat(gather.gather()).isEqualTo(new Twiml.Gather("dtmf", "/process_gather.php", "GET", 5, null, "#", false,
                java.util.List.of("Please enter your account number, followed by the pound sign")));
        assertThat(gather.saysAfterGather()).containsExactly("We didn't receive any input. Goodbye!");
        assertThat(gather.says()).isEmpty();
        assertThat(defaults.says()).containsExactly("Hello");
        assertThat(defaults.gather()).isEqualTo(new Twiml.Gather("dtmf", null, "POST", 5, null, "#", false,
                java.util.List.of()));
        assertThat(ours.gather()).isEqualTo(new Twiml.Gather("dtmf", "https://x.test/a", "POST", 5, 1, "#", true,
                java.util.List.of("Press 9.")));
        assertThat(ours.saysAfterGather()).isEmpty();
        assertThat(Twiml.parse("<Response><Gather input=\"speech\"/></Response>").gather().takesKeys()).isFalse();
    }

    @Test
    void readsTheDialsTimeoutWithTwiliosDefaultOfThirtySeconds() {
        // The reference's example: <Dial timeout="10" record="true">415-123-4567</Dial>.
        assertThat(Twiml.parse("<Response><Dial timeout=\"10\" record=\"true\">415-123-4567</Dial></Response>")
                .dialTimeoutSeconds()).isEqualTo(10);
        assertThat(Twiml.parse("<Response><Dial>415-123-4567</Dial></Response>").dialTimeoutSeconds()).isEqualTo(30);
    }
}
