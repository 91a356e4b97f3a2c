package sa.navaia.dialer.webhook.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;

/**
 * The receiver's TwiML: the XML declaration and the document on one line, as the Twilio SDK's {@code toXml()} writes it
 * (the seed shows the same documents pretty-printed). The fixed documents are built once with the SDK. The agent's
 * {@code <Dial>}, one per answered call, is written here: the SDK's {@code toXml()} looks up an XML parser and a
 * transformer on the class path on every call (a service-loader scan that was 9% of the receiver's CPU under load);
 * {@code TwiMLTest} holds it to the SDK's output.
 */
public final class TwiML {

    private static final String TEST_SAY = "Hello, this is a test call from the system.";
    private static final String UNKNOWN_SESSION_SAY = "We're sorry, we could not connect this call. Goodbye.";
    private static final String ERROR_SAY = "We're sorry, something went wrong on our side. Goodbye.";
    private static final String AGENT_UNAVAILABLE_SAY = "We're sorry, no one can take your call right now. We will call you"
            + " back. Goodbye.";

    /** The key that puts the called number on the do-not-call list after the identification message. */
    static final String OPT_OUT_KEY = "9";
    static final String OPT_OUT_PROMPT = "To be added to our do-not-call list, press " + OPT_OUT_KEY + " now.";
    /** Seconds {@code <Gather>} waits for the key after the message was said (Twilio's default, 5). */
    static final int OPT_OUT_WAIT_SECONDS = 5;
    private static final String OPTED_OUT_SAY = "You have been added to our do-not-call list. Goodbye.";

    static final String TEST = sayAndHangUp(TEST_SAY);
    /** The opt-out key was pressed: the person hears it was taken, and the call ends. */
    static final String OPTED_OUT = sayAndHangUp(OPTED_OUT_SAY);
    static final String UNKNOWN_SESSION = sayAndHangUp(UNKNOWN_SESSION_SAY);
    static final String ERROR = sayAndHangUp(ERROR_SAY);
    /** The agent cannot be reached: the customer hears an apology, not silence. */
    public static final String AGENT_UNAVAILABLE = sayAndHangUp(AGENT_UNAVAILABLE_SAY);
    static final String HANG_UP = new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private TwiML() {
    }

    /** A message said once, then the call ends (a voicemail left after the greeting). */
    static String sayThenHangUp(String text) {
        return DECLARATION + "<Response><Say>" + escape(text, false) + "</Say><Hangup/></Response>";
    }

    /**
     * The identification message with the automated key-press opt-out: said inside a {@code <Gather>} that takes one
     * key ({@code numDigits="1"}, so the key is posted at once) and posts it to {@code optOutUrl}. Twilio's {@code <Gather>}
     * reference: with no key before the timeout, Twilio does not request the action and goes on with the next verb, here
     * {@code <Hangup/>}.
     */
    static String identifyWithOptOut(String message, String optOutUrl) {
        return new VoiceResponse.Builder()
                .gather(new Gather.Builder().inputs(Gather.Input.DTMF).numDigits(1).timeout(OPT_OUT_WAIT_SECONDS)
                        .action(optOutUrl).say(new Say.Builder(message).build())
                        .say(new Say.Builder(OPT_OUT_PROMPT).build()).build())
                .hangup(new Hangup.Builder().build()).build().toXml();
    }

    private static String sayAndHangUp(String text) {
        return new VoiceResponse.Builder().say(new Say.Builder(text).build()).hangup(new Hangup.Builder().build())
                .build().toXml();
    }

    /**
     * Forwards the answered call to the agent's number. The caller ID is the customer's number: Twilio
     * accepts the calling number, the called number or a verified number as {@code callerId}, and on our
     * outbound-api call the customer is the called number; the agent side matches the conversation by it.
     * {@code timeoutSeconds} is how long the agent's leg rings before {@code no-answer} ({@code DIALER_AGENT_DIAL_TIMEOUT};
     * Twilio's default, 30 s, would keep a person who answered waiting that long for the identification message).
     */
    public static String dialAgent(String agentNumber, String customerNumber, String actionUrl, int timeoutSeconds) {
        return DECLARATION + "<Response><Dial action=\"" + escape(actionUrl, true) + "\" callerId=\""
                + escape(customerNumber, true) + "\" timeout=\"" + timeoutSeconds + "\"><Number>" + escape(agentNumber, false)
                + "</Number></Dial></Response>";
    }

    private static String escape(String value, boolean attribute) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append(attribute ? "&quot;" : "\"");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
