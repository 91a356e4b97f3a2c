package sa.navaia.dialer.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("To", "+18005551212");
        params.put("CallSid", "CA1234567890ABCDE");
        params.put("Caller", "+14158675310");
        params.put("Digits", "1234");
        params.put("From", "+14158675310");
        return params;
    }

    @Test
    void signatureValidatesWithTheSdksRequestValidator() {
        String signature = TwilioSignature.sign(TOKEN, URL, params());

        assertThat(new RequestValidator(TOKEN).validate(URL, params(), signature)).isTrue();
    }

    @Test
    void tamperedParameterFailsTheSdksRequestValidator() {
        String signature = TwilioSignature.sign(TOKEN, URL, params());
        Map<String, String> tampered = new HashMap<>(params());
        tampered.put("To", "+18005550000");

        assertThat(new RequestValidator(TOKEN).validate(URL, tampered, signature)).isFalse();
    }

    @Test
    void wrongTokenFailsTheSdksRequestValidator() {
        String signature = TwilioSignature.sign("other-token", URL, params());

        assertThat(new RequestValidator(TOKEN).validate(URL, params(), signature)).isFalse();
    }
}
