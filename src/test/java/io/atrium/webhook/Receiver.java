package io.atrium.webhook;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on a loopback port of its own (JDK's HTTP server): it keeps every request it gets and answers
 * each with the status its {@code answer} gives for the request's number (1 for the first).
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }

        /** Verified as a receiver verifies it, by the Standard Webhooks library (which also checks the time). */
        void verify(String secret) throws Exception {
            new Webhook(secret).verify(body, HttpHeaders.of(headers, (name, value) -> true));
        }

        /**
         * Whether the signature is the Standard Webhooks library's own for this id, timestamp and body under the
         * secret: for tests that move the server's clock, which the library's time check would refuse.
         */
        boolean signedWith(String secret) throws Exception {
            String expected = new Webhook(secret).sign(header("webhook-id"),
                    Long.parseLong(header("webhook-timestamp")), body);
            return List.of(header("webhook-signature").split(" ")).contains(expected);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** @param answer the status to answer for the request's number (1 for the first) */
    Receiver(IntUnaryOperator answer) throws IOException {
        this(answer, () -> { });
    }

    /** @param beforeAnswer runs before each answer, for a receiver that takes its time */
    Receiver(IntUnaryOperator answer, Runnable beforeAnswer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            int number = received.size();
            beforeAnswer.run();
            exchange.sendResponseHeaders(answer.applyAsInt(number), -1);
            exchange.close();
        });
        server.start();
    }

    static Receiver answering(int status) throws IOException {
        return new Receiver(number -> status);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits for the n-th request and returns it. */
    Received awaitRequest(int n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= n);
        return received.get(n - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
