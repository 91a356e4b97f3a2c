package bench;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

/**
 * The ingest benchmark's "bare Micronaut endpoint": the receiver's HTTP stack (Micronaut on Netty, same
 * version) and nothing else. Any form POST is answered 204.
 *
 *   java -cp 'ops/bench/bare-micronaut/target/classes:ops/bench/bare-micronaut/target/lib/*' bench.BareMicronaut PORT
 */
@Controller
public class BareMicronaut {

    @Post(uri = "/{+path}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<Void> any(String path) {
        return HttpResponse.noContent();
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(BareMicronaut.class)
                .properties(Map.of("micronaut.server.port", args[0], "micronaut.server.host", "127.0.0.1"))
                .start();
    }
}
