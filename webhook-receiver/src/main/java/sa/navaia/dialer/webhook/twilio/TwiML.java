package sa.navaia.dialer.webhook.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Say;

/**
 * The receiver's TwiML, built with the Twilio SDK. {@code toXml()} writes the XML declaration and the
 * document on one line; the seed shows the same document pretty-printed.
 */
final class TwiML {

    static final String TEST_SAY = "Hello, this is a test call from the system.";
    static final String UNKNOWN_SESSION_SAY = "We're sorry, we could not connect this call. Goodbye.";
    static final String ERROR_SAY = "We're sorry, something went wrong on our side. Goodbye.";

    private TwiML() {
    }

    static String sayAndHangUp(String text) {
        return new VoiceResponse.Builder().say(new Say.Builder(text).build()).hangup(new Hangup.Builder().build())
                .build().toXml();
    }

    static String hangUp() {
        return new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();
    }

    /**
     * Forwards the answered call to the agent's number. The caller ID is the customer's number: Twilio
     * accepts the calling number, the called number or a verified number as {@code callerId}, and on our
     * outbound-api call the customer is the called number; the agent side matches the conversation by it.
     */
    static String dialAgent(String agentNumber, String customerNumber, String actionUrl) {
        Dial dial = new Dial.Builder().action(actionUrl).callerId(customerNumber)
                .number(new Number.Builder(agentNumber).build()).build();
        return new VoiceResponse.Builder().dial(dial).build().toXml();
    }
}
