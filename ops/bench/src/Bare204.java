import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The ingest benchmark's baseline: the JDK's HttpServer on 127.0.0.1:PORT answering every request 204
 * after reading its body, on 32 threads. Runs until killed.
 *
 *   java ops/bench/src/Bare204.java PORT
 */
public final class Bare204 {
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        System.out.println("ready");
    }
}
