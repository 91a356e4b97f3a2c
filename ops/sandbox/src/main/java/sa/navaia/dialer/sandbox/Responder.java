package sa.navaia.dialer.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes JSON answers; Twilio API answers wait for the simulated API latency without holding a thread. */
final class Responder {

    private static final Logger log = LoggerFactory.getLogger(Responder.class);

    private final ObjectMapper json;
    private final ScheduledExecutorService timer;
    private final long latencyMillis;

    Responder(ObjectMapper json, ScheduledExecutorService timer, long latencyMillis) {
        this.json = json;
        this.timer = timer;
        this.latencyMillis = latencyMillis;
    }

    void jsonAfterLatency(HttpExchange exchange, int status, Object body) {
        jsonAfterLatency(exchange, status, body, () -> { });
    }

    /** As {@link #jsonAfterLatency(HttpExchange, int, Object)}, running {@code sent} once the answer is written. */
    void jsonAfterLatency(HttpExchange exchange, int status, Object body, Runnable sent) {
        byte[] bytes = serialize(body);
        Runnable answer = () -> {
            try {
                send(exchange, status, bytes);
            } finally {
                sent.run();
            }
        };
        if (latencyMillis <= 0) {
            answer.run();
        } else {
            timer.schedule(answer, latencyMillis, TimeUnit.MILLISECONDS);
        }
    }

    void json(HttpExchange exchange, int status, Object body) {
        send(exchange, status, serialize(body));
    }

    private byte[] serialize(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize a sandbox answer", e);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes) {
        try (exchange; OutputStream body = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            if (status == 204) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, bytes.length);
                body.write(bytes);
            }
        } catch (IOException e) {
            log.debug("Client went away before the sandbox answered: {}", e.getMessage());
        }
    }
}
