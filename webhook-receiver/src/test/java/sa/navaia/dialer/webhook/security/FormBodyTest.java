package sa.navaia.dialer.webhook.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormBodyTest {

    @Test
    void decodesValuesAndKeepsEmptyOnesAsEmptyStrings() {
        var form = FormBody.parse("CallSid=CA1&To=%2B19383362295&ForwardedFrom=&Caller+Name=A+B&Flag");

        assertThat(form).containsEntry("CallSid", "CA1").containsEntry("To", "+19383362295")
                .containsEntry("ForwardedFrom", "").containsEntry("Caller Name", "A B").containsEntry("Flag", "");
        assertThat(FormBody.parse((byte[]) null)).isEmpty();
    }
}
