import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.sun.net.httpserver.HttpServer;

/**
 * The upload benchmark's baseline (bench/upload.sh): an HTTP server on loopback that writes each request body to
 * one file, as plainly as Java can, and answers 200 with the number of bytes. Run with the JDK's source launcher:
 * {@code java bench/LoopbackSink.java PORT FILE}.
 */
public class LoopbackSink {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Path target = Path.of(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", exchange -> {
            long size;
            try (InputStream body = exchange.getRequestBody()) {
                size = Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
            }
            byte[] answer = (size + "\n").getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        System.out.println("listening on 127.0.0.1:" + port);
    }
}
