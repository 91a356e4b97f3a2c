package sa.navaia.dialer.webhook.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Number;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwiMLTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+19383362295 | +14155552671 | https://dialer.example.com/api/twilio/dial-result/vs_0123456789abcdef01234567",
            "+19383362295 | +966501234567 | http://127.0.0.1:8000/api/twilio/dial-result/vs_1?tenant=a&retry=2",
            "+19383362295 | +14155552671 | https://dialer.example.com/api/twilio/dial-result/vs_2#ct=2000&rt=8000&tt=15000&rc=3&rp=all",
            "+1938&<>\"' | +1415<&>\"' | http://127.0.0.1:8000/dial-result/x?a=1&b=2&c=3"})
    void theAgentsDialIsTheDocumentTheTwilioSdkWrites(String agent, String customer, String action) {
        Dial dial = new Dial.Builder().action(action).timeout(8).callerId(customer).number(new Number.Builder(agent).build()).build();
        String sdk = new VoiceResponse.Builder().dial(dial).build().toXml();

        assertThat(TwiML.dialAgent(agent, customer, action, 8)).isEqualTo(sdk);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Hello Ann, this is Acme about order A-42. Call us back on +1 938 336 2295.",
            "Tom & Jerry <tj@example.com> said \"hi\" and 'bye'"})
    void aVoicemailMessageIsTheDocumentTheTwilioSdkWrites(String message) {
        String sdk = new VoiceResponse.Builder().say(new com.twilio.twiml.voice.Say.Builder(message).build())
                .hangup(new com.twilio.twiml.voice.Hangup.Builder().build()).build().toXml();

        assertThat(TwiML.sayThenHangUp(message)).isEqualTo(sdk);
    }
}
