import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes COUNT signed Twilio status callbacks, one a line: path TAB X-Twilio-Signature TAB form body.
 * Each has its own CallSid and SequenceNumber, so each has its own inbox dedupe key. The signature is
 * Twilio's: HMAC-SHA1 with the auth token over the full URL followed by every parameter name and value,
 * names sorted, base64.
 *
 *   java ops/bench/src/SignedRequests.java API_URL AUTH_TOKEN COUNT OUT_FILE
 */
public final class SignedRequests {
    public static void main(String[] args) throws Exception {
        String apiUrl = args[0];
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(args[1].getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        int count = Integer.parseInt(args[2]);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8))) {
            for (int i = 0; i < count; i++) {
                String session = String.format("bench-%08d", i / 4);
                String path = "/api/twilio/status/" + session;
                Map<String, String> form = new TreeMap<>();
                form.put("AccountSid", "AC00000000000000000000000000000000");
                form.put("ApiVersion", "2010-04-01");
                form.put("CallSid", String.format("CA%032x", i / 4));
                form.put("CallStatus", new String[] {"initiated", "ringing", "in-progress", "completed"}[i % 4]);
                form.put("Direction", "outbound-api");
                form.put("From", "+19383362295");
                form.put("To", String.format("+1212%07d", 2000000 + i / 4));
                form.put("SequenceNumber", Integer.toString(i % 4));
                form.put("Timestamp", "Tue, 24 Nov 2026 10:00:00 +0000");
                StringBuilder signed = new StringBuilder(apiUrl).append(path);
                StringBuilder body = new StringBuilder();
                for (Map.Entry<String, String> e : form.entrySet()) {
                    signed.append(e.getKey()).append(e.getValue());
                    if (body.length() > 0) {
                        body.append('&');
                    }
                    body.append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
                }
                String signature = Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
                out.println(path + "\t" + signature + "\t" + body);
            }
        }
    }
}
